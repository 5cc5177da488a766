// A browser app as a user writes it: bundled with esbuild from the installed authing-ts, served
// from one origin, talking to authing-local on another. The result goes to window.__result.
import { AuthenticationClient, AuthingError } from 'authing-ts/authentication';

async function run({ host, appId, username, password }) {
  const auth = new AuthenticationClient({ appId, appHost: host });
  const registered = await auth.registerByUsername(username, password);
  const loggedIn = await auth.loginByUsername(username, password);
  const current = await auth.getCurrentUser();
  let failure;
  try {
    await auth.loginByUsername(username, 'wrong password');
  } catch (e) {
    failure = e;
  }
  return {
    registeredUsername: registered.username,
    loggedInUsername: loggedIn.username,
    gotToken: typeof loggedIn.token === 'string' && loggedIn.token.length > 0,
    currentUsername: current?.username ?? null,
    wrongPassword: failure && {
      isAuthingError: failure instanceof AuthingError,
      name: failure.name,
      code: failure.code,
      message: failure.message,
    },
  };
}

const show = (result) => {
  window.__result = result;
  document.getElementById('result').textContent = JSON.stringify(result, null, 2);
};
run(Object.fromEntries(new URLSearchParams(location.search))).then(
  (result) => show({ ok: true, ...result }),
  (error) =>
    show({
      ok: false,
      error: { name: error?.name, message: String(error?.message ?? error), code: error?.code, cause: error?.cause ? String(error.cause) : undefined },
    }),
);
