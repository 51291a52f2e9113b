divert(-1)dnl
dnl Security settings managed by smguard.
dnl Include it after OSTYPE() and DOMAIN() and every other define(), and before
dnl MAILER_DEFINITIONS and the first MAILER() line: FEATURE(`smrsh') must come before
dnl MAILER(`local'), and later defines would override these.
dnl For example: include(`/etc/mail/m4/smguard-security.m4')dnl before MAILER_DEFINITIONS.
dnl WARNING: smrsh is off: remove any FEATURE(`smrsh') from the mc, m4 cannot undo it.
define(`confDEF_USER_ID', ``mail:mail'')dnl
define(`confFORWARD_PATH', ``$z/.forward.$w:$z/.forward'')dnl
define(`confLOG_LEVEL', ``9'')dnl
undefine(`confCOPY_ERRORS_TO')dnl
define(`confPRIVACY_FLAGS', ``needmailhelo,needexpnhelo,needvrfyhelo,restrictqrun,restrictexpand,nobodyreturn,authwarnings'')dnl
define(`confSAFE_FILE_ENV', ``/'')dnl
define(`confTEMP_FILE_MODE', ``0640'')dnl
undefine(`confTRUSTED_USERS')dnl
divert(0)dnl
