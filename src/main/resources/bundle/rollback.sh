#!/bin/sh
# smguard rollback (POSIX sh): restores the newest backup the installer made, the same way
# it installs (every file renamed into place), removes the files that install added,
# restores the record of what is installed and asks sendmail to reload.
#
#   sh rollback.sh [--dry-run] [--no-reload]        (DESTDIR=/some/root as for install.sh)
#
# Running it again restores the backup before that one.
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
exec sh "$here/install.sh" --rollback "$@"
