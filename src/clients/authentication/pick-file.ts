/**
 * The browser file dialog behind `auth.uploadAvatar` and `auth.mfa.associateFaceByLocalFile`,
 * loaded with them on first use. Browser only: each caller first throws its own
 * `AuthingValidationError` when there is no `document` (Node), naming the call to use instead.
 */
import { toAuthingError } from '../../core/errors.js';

/**
 * Waits for the user to pick one file in a browser file dialog.
 * @param accept - what the dialog offers (the input's `accept` attribute)
 * @returns the chosen file
 * @throws {@link AuthingAbortError} when the dialog is closed without a file
 */
export function pickFile(accept: string): Promise<File> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    const none = () => reject(toAuthingError({ kind: 'abort', message: 'No file was chosen' }));
    input.addEventListener('change', () => (input.files?.[0] ? resolve(input.files[0]) : none()));
    input.addEventListener('cancel', none);
    input.click();
  });
}
