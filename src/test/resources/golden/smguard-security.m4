divert(-1)dnl
dnl Security settings managed by smguard.
dnl Include it after OSTYPE() and DOMAIN() and every other define(), and before
dnl MAILER_DEFINITIONS and the first MAILER() line: FEATURE(`smrsh') must come before
dnl MAILER(`local'), and later defines would override these.
dnl For example: include(`/etc/mail/m4/smguard-security.m4')dnl before MAILER_DEFINITIONS.
dnl WARNING: cf.m4 trusts 'uucp' unless _NO_UUCP_ is defined, which also turns UUCP routing off.
define(`confDEF_USER_ID', ``mailnull:mailnull'')dnl
define(`confFORWARD_PATH', ``/usr/local/etc/forwards/$u.forward:$z/.forward'')dnl
define(`confLOG_LEVEL', ``12'')dnl
define(`confCOPY_ERRORS_TO', ``postmaster,securitymaster'')dnl
define(`confPRIVACY_FLAGS', ``goaway,restrictmailq,restrictqrun'')dnl
undefine(`confSAFE_FILE_ENV')dnl
define(`confTEMP_FILE_MODE', ``0600'')dnl
define(`confTRUSTED_USERS', ``majordomo'')dnl
define(`confCT_FILE', ```-o /etc/mail/trusted-users''')dnl
FEATURE(`use_ct_file')dnl
FEATURE(`smrsh')dnl
define(`LOCAL_SHELL_PATH', ``/usr/libexec/sendmail/smrsh'')dnl
divert(0)dnl
