import { AuthingServerError } from '../errors.js';

/**
 * Every domain error the services throw, in one place so `server/ERRORS.md` can list them.
 * Codes marked "Authing" are documented by Authing; the others are chosen (see ERRORS.md).
 */
const e = (code: number, zh: string, en: string, data?: unknown) => new AuthingServerError(code, zh, en, data);

export const ServiceErrors = {
  // Users and authentication (Authing).
  userExists: () => e(2026, '用户已存在，请不要重复注册', 'User already exists, please do not register again'),
  usernameTaken: () => e(2034, '用户名已存在', 'Username already exists'),
  phoneTaken: () => e(2035, '手机号已绑定', 'Phone number is already bound'),
  emailTaken: () => e(2200, '该邮箱已存在，请换一个吧', 'The email already exists, please use another one'),
  invalidEmail: () => e(2003, '邮箱格式不正确', 'Incorrect email format'),
  passwordRequired: () => e(2032, '注册时需要密码', 'A password is required to register'),
  wrongCredentials: () => e(2333, '用户名或密码错误', 'Incorrect username or password'),
  userLocked: () => e(2005, '用户已被锁定', 'User has been locked'),
  tooManyLoginFailures: (retryAfterSeconds: number) =>
    e(2000, '登录失败次数过多，请稍后再试', 'Too many failed login attempts; try again later', { retryAfter: retryAfterSeconds }),
  // Brute-force protection per client IP (2000: Authing's "captcha required").
  tooManyIpLoginFailures: (retryAfterSeconds: number) =>
    e(2000, '该 IP 登录失败次数过多，需要输入图形验证码，请稍后再试', 'Too many failed logins from this IP: a captcha is required; try again later', { retryAfter: retryAfterSeconds }),
  // The registration whitelist (2040 chosen, ERRORS.md): services/whitelist.ts.
  notWhitelisted: () => e(2040, '该账号不在注册白名单中，无法注册', 'This account is not on the registration whitelist'),
  notSelfService: (fields: readonly string[]) =>
    e(2018, `用户无权修改此项：${fields.join('、')}`, `The user does not have permission to modify: ${fields.join(', ')}`, { fields }),
  /** A malformed request (400, as `Errors.invalidInput`): logins and registrations are one per request. */
  onePasswordCheckPerRequest: () =>
    new AuthingServerError(400, '一个请求最多只能包含一次登录或注册', 'A request may carry at most one login or registration', undefined, 400),
  passwordChangeNeedsVerification: () =>
    e(2019, '修改密码需要验证原密码，请使用修改密码接口', 'Changing the password needs the old password; use the password change flow'),
  noAppAccess: () => e(1576, '无应用登录权限', 'No permission to log in to this application'),
  appNotFound: () => e(2011, '应用不存在', 'Application does not exist'),
  // Registration agreements of an application (2012 chosen, ERRORS.md): services/applications.ts.
  agreementNotFound: () => e(2012, '协议不存在', 'Agreement does not exist'),
  poolNotFound: () => e(2224, '用户池不存在', 'User pool does not exist'),

  // Users, part 1 of the management issue: 2014 / 2015 are Authing's; the 400s and 39xx chosen (ERRORS.md).
  userIdentifierRequired: () =>
    new AuthingServerError(400, '用户名、邮箱、手机号和 externalId 不能同时为空', 'A user needs a username, email, phone or externalId', undefined, 400),
  invalidDate: (field: string) => new AuthingServerError(400, `${field} 不是合法的日期`, `${field} is not a valid date`, undefined, 400),
  userIdsRequired: () => new AuthingServerError(400, '用户 ID 列表不能为空', 'The list of user ids must not be empty', undefined, 400),
  invalidSearchInput: (detail: string) => e(2014, `搜索用户时输入格式错误：${detail}`, `Incorrect input format when searching for users: ${detail}`),
  invalidSearchType: (what: string) => e(2015, `搜索用户时搜索类型非法：${what}`, `Illegal search type when searching for users: ${what}`),
  identityTaken: () => e(3901, '该身份已绑定其他用户', 'This identity is already linked to another user'),
  identityNotLinked: () => e(3902, '用户未绑定该身份', 'The user has no such linked identity'),

  // Account links, phone / email bindings, uploads (chosen: ERRORS.md).
  nothingToLink: () => e(3903, '副账号没有可关联的身份', 'The secondary account has no identity to link'),
  linkSameAccount: () => e(3904, '主账号和副账号不能是同一个账号', 'The primary and secondary accounts are the same account'),
  phoneAlreadyBound: () => e(3911, '用户已绑定手机号，请使用修改手机号接口', 'The user already has a phone number; use updatePhone'),
  emailAlreadyBound: () => e(3912, '用户已绑定邮箱，请使用修改邮箱接口', 'The user already has an email address; use updateEmail'),
  noPhoneBound: () => e(3913, '用户未绑定手机号', 'The user has no phone number bound'),
  noEmailBound: () => e(3914, '用户未绑定邮箱', 'The user has no email address bound'),
  lastIdentifier: () =>
    e(3915, '这是账号唯一的登录方式，请先绑定其他登录方式', 'This is the only way to log in to the account; bind another one first'),
  oldIdentifierMismatch: (what: 'phone' | 'email') =>
    what === 'phone'
      ? e(3916, '原手机号与当前绑定的手机号不一致', 'The old phone number is not the one bound to the user')
      : e(3916, '原邮箱与当前绑定的邮箱不一致', 'The old email address is not the one bound to the user'),
  oldIdentifierProofRequired: (what: 'phone' | 'email') =>
    what === 'phone'
      ? e(3917, '修改手机号需要验证原手机号', 'Changing the phone number needs the old phone number and its code')
      : e(3917, '修改邮箱需要验证原邮箱', 'Changing the email address needs the old email address and its code'),
  fileTooLarge: (maxBytes: number) => e(3921, `文件过大，最大 ${maxBytes} 字节`, `The file is larger than ${maxBytes} bytes`, { maxBytes }),
  notAnImage: () => e(3922, '只能上传 PNG、JPEG、GIF 或 WebP 图片', 'Only PNG, JPEG, GIF or WebP images can be uploaded'),
  noFile: () => e(3923, '请以 multipart/form-data 上传一个 file 字段', 'Send one file in the multipart/form-data field "file"'),
  fileNotFound: () => e(3924, '文件不存在', 'File does not exist'),

  // Principal (real-name) authentication (codes chosen: ERRORS.md).
  invalidIdCard: () => e(3851, '身份证号码格式不正确', 'The resident id number is not valid'),
  invalidBankCard: () => e(3852, '银行卡号格式不正确', 'The bank card number is not valid'),
  invalidEnterpriseCode: () => e(3853, '统一社会信用代码格式不正确', 'The unified social credit code (or registration number, organization code) is not valid'),
  principalAlreadyAuthenticated: () => e(3854, '该用户已完成主体认证', 'The user has already completed principal authentication'),

  // Sign-in: registration refusals and user directories (codes chosen: ERRORS.md).
  registerDisabled: () => e(2037, '用户池已禁止注册', 'Self-registration is disabled for this user pool'),
  ldapNotConfigured: () => e(3408, '该应用未配置 LDAP 身份源', 'No LDAP connection is configured for this application'),
  unsupportedSignIn: (what: string) => new AuthingServerError(400, `不支持的登录参数：${what}`, `Unsupported sign-in parameter: ${what}`, undefined, 400),

  // Verification codes (codes chosen: ERRORS.md).
  wrongVerifyCode: () => e(2001, '验证码不正确', 'The verification code is incorrect'),
  verifyCodeExpired: () => e(2002, '验证码已失效，请重新获取', 'The verification code has expired or was used; request a new one'),
  verifyCodeTooFrequent: (retryAfterSeconds: number) =>
    e(2021, '发送验证码过于频繁，请稍后再试', 'Verification codes are sent too often; try again later', { retryAfter: retryAfterSeconds }),
  invalidPhone: () => e(2022, '手机号格式不正确', 'Incorrect phone number format'),

  // MFA: 1635 / 1636 / 1700-1707 / 6001-6004 are Authing's (error-code list); 6010-6014 chosen (ERRORS.md).
  personalMfaRequired: (data: unknown) => e(1635, '请完成多因素认证', 'Multi-factor authentication is required', data),
  applicationMfaRequired: (data: unknown) => e(1636, '应用要求完成多因素认证', 'The application requires multi-factor authentication', data),
  wrongTotp: () => e(6001, 'TOTP 码错误', 'The TOTP code is incorrect'),
  wrongRecoveryCode: () => e(6002, 'TOTP 恢复码错误', 'The TOTP recovery code is incorrect'),
  totpRequired: () => e(6003, '未输入 TOTP 安全码', 'The TOTP code is missing'),
  recoveryCodeRequired: () => e(6004, '未输入 TOTP 恢复码', 'The TOTP recovery code is missing'),
  totpAlreadyBound: () => e(6010, '已绑定 TOTP MFA，请先解绑', 'A TOTP authenticator is already bound; unbind it first'),
  totpNotBound: () => e(6011, '尚未绑定 TOTP MFA', 'No TOTP authenticator is bound'),
  mfaPhoneMismatch: () => e(6012, '手机号与该账号绑定的手机号不一致', 'The phone number is not the one of this account'),
  mfaEmailMismatch: () => e(6013, '邮箱与该账号绑定的邮箱不一致', 'The email address is not the one of this account'),
  mfaMethodDisabled: (method: string) => e(6014, `应用未开启 ${method} 多因素认证`, `${method} multi-factor authentication is not enabled for the application`),
  facePhotoMissing: () => e(1700, '未上传人脸识别的照片', 'No face photo was uploaded'),
  compareFacePhotoMissing: () => e(1701, '未上传需要对比的人脸照片', 'No face photo to compare with was uploaded'),
  faceVerifyFailed: () => e(1702, '人脸校验错误', 'The face does not match'),
  faceBindFailed: () => e(1707, '绑定人脸失败', 'Binding the face failed'),

  // Passwords: 2029, 2201, 2203 from Authing's code list; 1639 / 2058 the login answers Authing's Guard handles; 2059 chosen (ERRORS.md).
  weakPassword: (zh: string, en: string) => e(2029, zh, en),
  oldPasswordRequired: () => e(2201, '请输入原始密码', 'The old password is required'),
  wrongOldPassword: () => e(2203, '原始密码错误', 'The old password is incorrect'),
  firstLoginReset: (token: string) =>
    e(1639, '首次登录，请先重置密码', 'First login: set a new password first', { token }),
  forcedPasswordReset: (token: string) =>
    e(2058, '密码已过期，请修改密码', 'The password has expired; change it first', { token }),
  invalidPasswordTicket: () =>
    e(2059, '重置密码的凭证无效、已过期或已使用，请重新登录', 'The password reset token is invalid, expired or used; log in again'),
  resetTargetRequired: () =>
    new AuthingServerError(400, '请提供手机号或邮箱（二者之一）', 'Give either a phone number or an email address', undefined, 400),

  // Namespaces: 3003 / 3005 are Authing's (asserted by the Python SDK tests); the rest chosen.
  namespaceNotFound: () => e(3003, '权限分组不存在', 'Namespace does not exist'),
  namespaceToUpdateNotFound: () => e(3005, '权限分组不存在', 'Namespace does not exist'),
  namespaceExists: () => e(3001, '权限分组 code 已存在', 'A namespace with this code already exists'),
  namespaceProtected: () =>
    e(3006, '默认权限分组和应用权限分组不能删除或修改 code', 'The default namespace and application namespaces cannot be deleted or recoded'),

  // Resources (chosen).
  resourceExists: () => e(3101, '资源已存在', 'A resource with this code already exists in the namespace'),
  reservedResourceCode: (code: string) => e(3102, `资源 code ${code} 为系统保留字`, `Resource code "${code}" is reserved`),
  invalidResourceType: () => e(3103, '资源类型必须为 DATA、API、MENU、UI 或 BUTTON', 'Resource type must be one of DATA, API, MENU, UI, BUTTON'),
  actionsRequired: () => e(3104, '请至少提供一个操作', 'At least one action is required'),
  resourceNotFound: () => e(3105, '资源不存在', 'Resource does not exist'),
  invalidAllowResource: () =>
    e(3106, '资源必须为 <resourceType>:<resourceId> 格式或者为 *', 'The resource must be <resourceType>:<resourceId> or *'),

  // Roles (chosen).
  roleExists: () => e(3201, '角色 code 已存在', 'A role with this code already exists in the namespace'),
  roleNotFound: (code?: string) => e(3202, code ? `角色 ${code} 不存在` : '角色不存在', code ? `Role "${code}" does not exist` : 'Role does not exist'),
  systemRole: () => e(3203, '系统内置角色不能删除', 'Built-in roles cannot be deleted'),

  // Groups (chosen).
  groupExists: () => e(3301, '分组 code 已存在', 'A group with this code already exists'),
  groupNotFound: (code?: string) => e(3302, code ? `分组 ${code} 不存在` : '分组不存在', code ? `Group "${code}" does not exist` : 'Group does not exist'),

  // Organizations (chosen).
  orgNotFound: () => e(3401, '组织机构不存在', 'Organization does not exist'),
  nodeNotFound: () => e(3402, '组织机构节点不存在', 'Organization node does not exist'),
  rootNodeDelete: () => e(3403, '不能删除根节点，请删除组织机构', 'The root node cannot be deleted; delete the organization instead'),
  nodeCodeTaken: (code: string) => e(3404, `该组织机构中已有 code 为 ${code} 的节点`, `The organization already has a node with code "${code}"`),
  notNodeMember: () => e(3405, '用户不在该节点中', 'The user is not a member of that node'),
  directoryNotConfigured: (provider: 'dingtalk' | 'wechatwork') =>
    provider === 'dingtalk'
      ? e(3406, '你还没有配置钉钉通讯录', 'No DingTalk directory is configured for this user pool')
      : e(3406, '你还没有配置企业微信通讯录', 'No WeCom (WeChat Work) directory is configured for this user pool'),
  adConnectorNotFound: () => e(3407, 'AD 连接器不存在', 'The AD connector does not exist'),

  // Grant targets (chosen).
  invalidTargetType: (targetType: string) => e(3502, `不支持的主体类型：${targetType}`, `Unsupported target type: ${targetType}`),

  // Policies (chosen).
  policyNotFound: (code: string) => e(3601, `策略 ${code} 不存在`, `Policy "${code}" does not exist`),
  policyExists: (code: string) => e(3602, `策略 code ${code} 已存在`, `A policy with code "${code}" already exists in the namespace`),
  defaultPolicyReadonly: (code: string) => e(3603, `系统内置策略 ${code} 不能修改或删除`, `The built-in policy "${code}" cannot be updated or deleted`),
  policyAssignmentNotFound: (code: string) => e(3604, `策略 ${code} 未授权给该主体`, `Policy "${code}" is not assigned to that target`),

  // Programmatic access accounts (chosen).
  accountNotFound: () => e(3701, '编程访问账号不存在', 'Programmatic access account does not exist'),

  // QR-code login: 2241 is Authing's (official SDK docs); 2242-2245 chosen (ERRORS.md).
  qrCodeNotFound: () => e(2241, '二维码不存在', 'The QR code does not exist'),
  qrCodeExpired: () => e(2242, '二维码已过期', 'The QR code has expired'),
  qrCodeOtherUser: () => e(2243, '二维码已被其他用户扫描', 'The QR code was scanned by another user'),
  qrCodeWrongState: (status: number) =>
    e(2244, '二维码当前状态不允许此操作', 'The QR code is not in a state that allows this', { status }),
  qrCodeTicketInvalid: () => e(2245, 'ticket 无效、已使用或已过期', 'The ticket is invalid, used or expired'),
  // External IdP records (3811-3814 chosen, ERRORS.md): services/ext-idp.ts, ext-idp-connections.ts.
  extIdpNotFound: () => e(3811, '身份源不存在', 'The external identity provider does not exist'),
  extIdpConnectionNotFound: () => e(3812, '身份源连接不存在', 'The external identity provider connection does not exist'),
  extIdpIdentifierTaken: (identifier: string) =>
    e(3813, `身份源连接唯一标识 ${identifier} 已被占用`, `The connection identifier "${identifier}" is already taken`, { identifier }),
  extIdpTenantNotFound: () => e(3814, '租户不存在', 'The tenant does not exist'),
  // Tenants (3814 shared with the ext-IdP calls; 3821-3823 chosen, ERRORS.md): services/tenants.ts, tenant-members.ts.
  tenantNotFound: () => e(3814, '租户不存在', 'The tenant does not exist'),
  tenantCodeTaken: (code: string) => e(3821, `租户 code ${code} 已存在`, `A tenant with code "${code}" already exists`, { code }),
  tenantNameRequired: () => e(3822, '租户名称不能为空', 'The tenant name must not be empty'),
  notTenantMember: (userId: string) => e(3823, `用户 ${userId} 不是该租户的成员`, `User "${userId}" is not a member of the tenant`, { userId }),
} as const;
