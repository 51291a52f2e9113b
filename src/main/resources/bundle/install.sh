#!/bin/sh
# smguard bundle installer (POSIX sh). Run it as root from the unpacked bundle:
#
#   sh install.sh [--dry-run] [--no-reload] [--allow-downgrade] [--allow-policy-change]
#                 [--require-signature] [--key FILE] [--keep-backups N]
#   sh install.sh --rollback [--dry-run] [--no-reload]      (what rollback.sh runs)
#   sh install.sh --facts       (JSON: what on this host differs from the installed MANIFEST)
#
# Install: checks MANIFEST's signature (with /etc/smguard/smguard.pub, or --key) and the
# SHA-256 of every file, checks the new sendmail.cf with this host's sendmail, refuses a
# bundle of another policy or of a version below the installed one, backs up every file it
# replaces or removes, puts each file in place by renaming a copy written beside it, sets
# owners and modes, makes the sm.bin links, removes override files and sm.bin entries the
# bundle does not have, records what is installed under /var/lib/smguard and asks sendmail
# to reload. Rollback restores the newest backup the same way.
#
# DESTDIR=/some/root works below that directory instead of / (and never reloads).
# SENDMAIL=/path/to/sendmail names the sendmail that checks the cf.
# SMGUARD_CF_CHECK_TIMEOUT (seconds, default 150): sendmail pauses 60 s at start on a host
# whose name is not fully qualified, so the default leaves room for that.
#
# Everything the script does with names from MANIFEST treats them as data: they are
# checked against a strict pattern first and never evaluated as shell code.
set -eu
umask 022
LC_ALL=C
export LC_ALL
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export PATH

me=smguard-install
tab=$(printf '\t')

say() { printf '%s: %s\n' "$me" "$*"; }
warn() { printf '%s: warning: %s\n' "$me" "$*" >&2; }
log() {
	if command -v logger >/dev/null 2>&1; then
		logger -t smguard -p "$1" -- "$2" 2>/dev/null || true
	fi
}
die() {
	printf '%s: refused: %s\n' "$me" "$*" >&2
	log mail.err "install refused: $*"
	exit 1
}
usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

mode=install
dry_run=0
no_reload=0
allow_downgrade=0
allow_policy_change=0
require_signature=0
key=
keep_backups=5
while [ $# -gt 0 ]; do
	case $1 in
	--rollback) mode=rollback ;;
	--facts) mode=facts ;;
	--dry-run) dry_run=1 ;;
	--no-reload) no_reload=1 ;;
	--allow-downgrade) allow_downgrade=1 ;;
	--allow-policy-change) allow_policy_change=1 ;;
	--require-signature) require_signature=1 ;;
	--key) [ $# -ge 2 ] || die "--key needs a file"; key=$2; shift ;;
	--key=*) key=${1#--key=} ;;
	--keep-backups) [ $# -ge 2 ] || die "--keep-backups needs a number"; keep_backups=$2; shift ;;
	--keep-backups=*) keep_backups=${1#--keep-backups=} ;;
	-h | --help) usage; exit 0 ;;
	*) die "unknown option: $1 (see --help)" ;;
	esac
	shift
done
case $keep_backups in '' | *[!0-9]*) die "--keep-backups must be a number" ;; esac
[ "$keep_backups" -ge 1 ] || die "--keep-backups must be at least 1"

here=$(cd "$(dirname "$0")" && pwd -P)
dest=${DESTDIR:-}
case $dest in
'') ;;
/*) dest=${dest%/} ;;
*) die "DESTDIR must be an absolute path" ;;
esac
[ -z "$dest" ] || [ -d "$dest" ] || die "DESTDIR $dest is not a directory"
root=${dest:-/}
state=$dest/var/lib/smguard
if [ "$(id -u)" -ne 0 ]; then
	[ -n "$dest" ] || die "run it as root (or with DESTDIR for a trial install)"
	warn "not root: owners are not set"
	as_root=0
else
	as_root=1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/smguard.XXXXXX")
locked=0
stages=
halfway=
cleanup() {
	status=$?
	for s in $stages; do rm -rf "$s"; done
	rm -rf "$work"
	[ "$locked" -eq 0 ] || rmdir "$state/lock" 2>/dev/null || true
	if [ -n "$halfway" ] && [ "$status" -ne 0 ]; then
		printf '%s: FAILED HALFWAY: some files are replaced, others not. Restore the backup with:\n  %s sh %s/bin/rollback.sh\n' \
			"$me" "${dest:+DESTDIR=$dest}" "$state" >&2
		log mail.crit "install failed halfway; restore with $state/bin/rollback.sh"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

lock() {
	mkdir -p "$state/backups" "$state/bin"
	mkdir "$state/lock" 2>/dev/null || die "another install or rollback is running ($state/lock exists; remove it if none is)"
	locked=1
}

# The pid of the running sendmail daemon, for a reload.
reload() {
	if [ -n "$dest" ] || [ "$no_reload" -eq 1 ]; then
		say "sendmail not reloaded (${dest:+DESTDIR}${dest:+ install}${dest:-because of --no-reload})"
		return 0
	fi
	for pidfile in /run/sendmail/mta/sendmail.pid /var/run/sendmail/mta/sendmail.pid /var/run/sendmail.pid /etc/mail/sendmail.pid; do
		[ -f "$pidfile" ] || continue
		pid=$(sed -n '1p' "$pidfile")
		case $pid in '' | *[!0-9]*) continue ;; esac
		if kill -HUP "$pid" 2>/dev/null; then
			say "asked sendmail (pid $pid) to reload"
			return 0
		fi
	done
	warn "no running sendmail found: nothing reloaded"
}

# Moves every file of staging directory $1 into directory $2: one rename each, so that a
# reader sees the old file or the new one, never a partial one.
move_all() {
	(cd "$1" && find . ! -name . -prune -exec sh -c 'exec mv -f -- "$@" "$0"' "$2" {} +)
}

# A new staging directory inside directory $1 (same file system, for atomic renames).
stage_in() {
	s="$1/.smguard-stage.$$"
	rm -rf "$s"
	mkdir "$s"
	stages="$stages $s"
	printf '%s\n' "$s"
}

# Compares the tree under $root with MANIFEST $1: for each file and managed directory that
# is not as it says, one line "path<TAB>problem<TAB>actual<TAB>expected" per difference
# (missing, content, mode, owner) into $2; nothing for one that is. One ls and one
# sha256sum for the whole tree.
compare_tree() {
	awk -F'\t' '($1 == "file" || $1 == "dir") && $2 ~ /^[A-Za-z0-9._+\/-]+$/ { print $2 }' "$1" >"$work/compare.paths"
	if [ -s "$work/compare.paths" ]; then
		(cd "$root" && xargs ls -ld -- <"$work/compare.paths" 2>/dev/null) >"$work/compare.ls" || true
	else
		: >"$work/compare.ls"
	fi
	awk -F'\t' '$1 == "file" && $2 ~ /^[A-Za-z0-9._+\/-]+$/ && $5 ~ /^[0-9a-f]+$/ { printf "%s  %s\n", $5, $2 }' \
		"$1" >"$work/compare.sums"
	(cd "$root" && sha256sum -c --quiet "$work/compare.sums" 2>/dev/null) >"$work/compare.sha" || true
	awk -F'\t' -v ls="$work/compare.ls" -v sha="$work/compare.sha" '
	function octal(p,   m, i, c) {
		m = 0
		for (i = 2; i <= 10; i++) {
			c = substr(p, i, 1)
			if (c == "r") m += 4 * (i <= 4 ? 64 : (i <= 7 ? 8 : 1))
			else if (c == "w") m += 2 * (i <= 4 ? 64 : (i <= 7 ? 8 : 1))
			else if (c == "x" || c == "s" || c == "t") m += (i <= 4 ? 64 : (i <= 7 ? 8 : 1))
		}
		if (substr(p, 4, 1) ~ /[sS]/) m += 2048
		if (substr(p, 7, 1) ~ /[sS]/) m += 1024
		if (substr(p, 10, 1) ~ /[tT]/) m += 512
		return sprintf("%04o", m)
	}
	BEGIN {
		while ((getline line < ls) > 0) {
			if (substr(line, 1, 1) == "l") sub(/ -> .*$/, "", line)
			n = split(line, f, " ")
			perms[f[n]] = f[1]; owner[f[n]] = f[3] ":" f[4]
		}
		while ((getline line < sha) > 0) if (sub(/: FAILED$/, "", line)) changed[line] = 1
	}
	($1 == "file" || $1 == "dir") && $2 ~ /^[A-Za-z0-9._+\/-]+$/ {
		if (!($2 in perms)) { print $2 "\tmissing\t\t"; next }
		if ($2 in changed) print $2 "\tcontent\t\t"
		m = octal(perms[$2]); w = sprintf("%04d", $3 + 0)
		if (m != w) print $2 "\tmode\t" m "\t" w
		if (owner[$2] != $4 && owner[$2] ~ /^[A-Za-z0-9._-]+:[A-Za-z0-9._-]+$/) print $2 "\towner\t" owner[$2] "\t" $4
	}' "$1" >"$2"
}

newest_backup() {
	ls "$state/backups" 2>/dev/null | sort -r | while read -r b; do
		if [ -f "$state/backups/$b/complete" ] && [ ! -e "$state/backups/$b/rolled-back" ]; then
			printf '%s\n' "$b"
			break
		fi
	done
}

if [ "$mode" = facts ]; then
	# What smguard-pull reports: shells /etc/shells lists that do not exist here, and what
	# differs from the installed MANIFEST; at most 100 of each. Every value is a strict
	# path, a mode or an owner name, so none needs escaping.
	printf '{"missingShells": ['
	if [ -f "$dest/etc/shells" ]; then
		grep -E '^(/[A-Za-z0-9._+-]+)+$' "$dest/etc/shells" | while read -r shell; do
			[ -x "$dest$shell" ] || printf '%s\n' "$shell"
		done | sed -n '1,100p' | awk 'NR > 1 { printf ", " } { printf "\"%s\"", $0 }'
	fi
	printf '], "files": ['
	if [ -f "$state/MANIFEST" ]; then
		compare_tree "$state/MANIFEST" "$work/facts"
		sed -n '1,100p' "$work/facts" | awk -F'\t' 'NR > 1 { printf ", " }
			{ printf "{\"path\": \"/%s\", \"problem\": \"%s\"", $1, $2
			  if ($3 != "") printf ", \"actual\": \"%s\", \"expected\": \"%s\"", $3, $4
			  printf "}" }'
	fi
	printf ']}\n'
	exit 0
fi

if [ "$mode" = rollback ]; then
	[ "$dry_run" -eq 1 ] || lock
	b=$(newest_backup)
	[ -n "$b" ] || die "no backup to restore under $state/backups"
	backup=$state/backups/$b
	say "restoring backup $b ($(cat "$backup/info"))"
	say "  $(wc -l <"$backup/existing.list" | tr -d ' ') files restored, $(wc -l <"$backup/absent.list" | tr -d ' ') files removed"
	[ "$dry_run" -eq 0 ] || exit 0
	halfway=1
	(cd "$root" && xargs rm -f -- <"$backup/absent.list")
	awk -F/ '{ d = $0; sub("/[^/]*$", "", d); print d "\t" $0 }' "$backup/existing.list" | sort >"$work/restore"
	cut -f1 "$work/restore" | uniq >"$work/restore.dirs"
	while read -r d; do
		awk -F'\t' -v d="$d" '$1 == d { print $2 }' "$work/restore" >"$work/restore.list"
		s=$(stage_in "$dest/$d")
		tar -xpf "$backup/tree.tar" -C "$s" -T "$work/restore.list"
		move_all "$s/$d" "$dest/$d"
		rm -rf "$s"
	done <"$work/restore.dirs"
	sort -r "$backup/dirs.list" | while read -r d; do rmdir "$dest/$d" 2>/dev/null || true; done
	if [ -f "$backup/state" ]; then
		cp "$backup/state" "$state/installed.tmp"
		mv -f "$state/installed.tmp" "$state/installed"
	else
		rm -f "$state/installed"
	fi
	if [ -f "$backup/MANIFEST" ]; then
		cp "$backup/MANIFEST" "$state/MANIFEST.tmp"
		mv -f "$state/MANIFEST.tmp" "$state/MANIFEST"
	else
		rm -f "$state/MANIFEST"
	fi
	: >"$backup/rolled-back"
	halfway=
	log mail.notice "restored backup $b"
	say "restored backup $b"
	reload
	exit 0
fi

# ---- install ----------------------------------------------------------------------------
[ -f "$here/MANIFEST" ] && [ ! -L "$here/MANIFEST" ] || die "no MANIFEST beside $0"

# 1. The signature, when this host has the console's key.
if [ -z "$key" ]; then
	if [ -n "$dest" ] && [ -f "$dest/etc/smguard/smguard.pub" ]; then
		key=$dest/etc/smguard/smguard.pub
	else
		key=/etc/smguard/smguard.pub
	fi
elif [ ! -f "$key" ]; then
	die "the key $key does not exist"
fi
if [ -f "$key" ]; then
	command -v openssl >/dev/null 2>&1 || die "$key is present but openssl is not installed to check the signature"
	[ -f "$here/MANIFEST.sig" ] || die "MANIFEST.sig is missing"
	if ! openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$here/MANIFEST" \
		-sigfile "$here/MANIFEST.sig" >"$work/openssl.out" 2>&1; then
		die "the signature of MANIFEST does not verify with $key: the bundle was changed or signed by another console"
	fi
	say "signature of MANIFEST verified with $key"
elif [ "$require_signature" -eq 1 ]; then
	die "no key $key to check the signature with (--require-signature)"
else
	warn "no $key: the signature is not checked, only each file's SHA-256 (put the console's public key there)"
fi

# 2. MANIFEST, read as data and checked line by line.
awk -F'\t' -v work="$work" '
function fail(why) { printf "MANIFEST line %d: %s\n", NR, why > "/dev/stderr"; bad = 1; exit 1 }
function path_ok(p,   n, i, seg) {
	if (length(p) > 1024 || p !~ /^[A-Za-z0-9._+-]+(\/[A-Za-z0-9._+-]+)*$/) return 0
	n = split(p, seg, "/")
	for (i = 1; i <= n; i++) if (seg[i] == "." || seg[i] == "..") return 0
	return 1
}
function owner_ok(o) { return o ~ /^[a-z_][a-z0-9_-]*:[a-z_][a-z0-9_-]*$/ }
function sha_ok(s) { return s ~ /^[0-9a-f]+$/ && length(s) == 64 }
function claim(p) { if (p in seen) fail("two entries for " p); seen[p] = 1 }
NR == 1 { if ($0 != "smguard-bundle 1") fail("not an smguard bundle manifest (format 1)"); next }
ended { fail("text after the end line") }
$1 == "policy" && NF == 2 && NR == 2 { if ($2 !~ /^[a-z0-9][a-z0-9_.-]*$/ || length($2) > 64) fail("bad policy name"); print $2 > (work "/policy"); next }
$1 == "version" && NF == 2 && NR == 3 { if ($2 !~ /^[1-9][0-9]*$/ || length($2) > 9) fail("bad version"); print $2 > (work "/version"); next }
$1 == "content-sha256" && NF == 2 { next }
$1 == "approved-by" && NF == 2 { next }
$1 == "published-at" && NF == 2 { next }
$1 == "signing-key" && NF == 2 { next }
$1 == "tool" && NF == 4 {
	if ($2 != "install.sh" && $2 != "rollback.sh" && $2 != "smguard-pull") fail("unknown tool " $2)
	if ($3 != "0755" || !sha_ok($4)) fail("bad tool line"); claim($2)
	printf "%s  %s\n", $4, $2 > (work "/checklist"); tools++; next
}
$1 == "dir" && NF == 5 {
	if (!path_ok($2) || $3 != "0755" || !owner_ok($4) || ($5 != "overrides" && $5 != "sm.bin")) fail("bad dir line")
	if ($5 in role) fail("two " $5 " directories"); role[$5] = $2
	printf "%s\t%s\t%s\t%s\n", $2, $3, $4, $5 > (work "/dirs"); next
}
$1 == "file" && NF == 5 {
	if (!path_ok($2) || $3 !~ /^0[0-7][0-7][0-7]$/ || !owner_ok($4) || !sha_ok($5)) fail("bad file line")
	claim($2); printf "%s  %s\n", $5, $2 > (work "/checklist")
	printf "%s\t%s\t%s\n", $2, $3, $4 > (work "/files"); count++; next
}
$1 == "link" && NF == 3 {
	if (!path_ok($2) || substr($3, 1, 1) != "/" || !path_ok(substr($3, 2))) fail("bad link line")
	claim($2); printf "%s\t%s\n", $2, $3 > (work "/links"); count++; next
}
$1 == "end" && NF == 2 { if ($2 != count) fail("the end line counts " $2 " entries, the manifest has " count); ended = 1; next }
{ fail("unknown line") }
END {
	if (bad) exit 1
	if (!ended) { print "MANIFEST: no end line: the manifest is cut short" > "/dev/stderr"; exit 1 }
	if (tools != 3) { print "MANIFEST: the tool lines are missing" > "/dev/stderr"; exit 1 }
	if (!("overrides" in role)) { print "MANIFEST: no override directory" > "/dev/stderr"; exit 1 }
}' "$here/MANIFEST" || die "MANIFEST is not valid"
touch "$work/files" "$work/links" "$work/dirs"
policy=$(cat "$work/policy")
version=$(cat "$work/version")
overrides_dir=$(awk -F'\t' '$4 == "overrides" { print $1 }' "$work/dirs")
smbin_dir=$(awk -F'\t' '$4 == "sm.bin" { print $1 }' "$work/dirs")
# Override files sit directly in the override directory, links directly in sm.bin.
awk -F'\t' -v o="$overrides_dir" -v s="$smbin_dir" '
FILENAME ~ /files$/ { d = $1; sub("/[^/]*$", "", d); if (index($1, o "/") == 1 && d != o) bad = $1; if (s != "" && index($1, s "/") == 1) bad = $1 }
FILENAME ~ /links$/ { d = $1; sub("/[^/]*$", "", d); if (d != s) bad = $1 }
END { if (bad != "") { print bad; exit 1 } }' "$work/files" "$work/links" >"$work/misplaced" ||
	die "MANIFEST puts $(cat "$work/misplaced") where the bundle does not manage it"
grep -q "^etc/mail/sendmail.cf$tab" "$work/files" || die "the bundle has no etc/mail/sendmail.cf"
say "bundle of policy '$policy' version $version: $(wc -l <"$work/files" | tr -d ' ') files, $(wc -l <"$work/links" | tr -d ' ') sm.bin links"

# 3. Every file is a regular file of the bundle with the SHA-256 in MANIFEST.
command -v sha256sum >/dev/null 2>&1 || die "sha256sum is not installed"
cut -f1 "$work/files" >"$work/paths"
printf '%s\n%s\n%s\n' install.sh rollback.sh smguard-pull >>"$work/paths"
while read -r p; do
	[ -f "$here/$p" ] && [ ! -L "$here/$p" ] || die "$p is not a regular file of the bundle"
done <"$work/paths"
if ! (cd "$here" && sha256sum -c --quiet --strict "$work/checklist") >"$work/sha.out" 2>&1; then
	die "files differ from MANIFEST (changed after signing?): $(grep -v ': OK$' "$work/sha.out" | head -5 | tr '\n' ' ')"
fi
say "every file matches its SHA-256"

# 4. Mix-and-match and rollback protection.
installed_policy=
installed_version=0
if [ -f "$state/installed" ]; then
	installed_policy=$(awk -F'\t' '$1 == "policy" { print $2 }' "$state/installed")
	installed_version=$(awk -F'\t' '$1 == "version" { print $2 }' "$state/installed")
	case $installed_version in '' | *[!0-9]*) die "$state/installed is damaged: no version" ;; esac
fi
if [ -n "$installed_policy" ] && [ "$installed_policy" != "$policy" ] && [ "$allow_policy_change" -eq 0 ]; then
	die "this host runs policy '$installed_policy'; the bundle is for policy '$policy' (--allow-policy-change to move it)"
fi
if [ "$installed_policy" = "$policy" ] && [ "$version" -lt "$installed_version" ] && [ "$allow_downgrade" -eq 0 ]; then
	die "version $version is older than the installed version $installed_version: an old bundle replayed? (--allow-downgrade to install it anyway; a rollback made in the console is a new, higher version)"
fi

# 5. Owners exist here.
for owner in $( (cut -f3 "$work/files"; cut -f3 "$work/dirs") | sort -u); do
	user=${owner%%:*}
	group=${owner#*:}
	id -u "$user" >/dev/null 2>&1 || die "the owner $user of some files does not exist on this host"
	if command -v getent >/dev/null 2>&1; then
		getent group "$group" >/dev/null 2>&1 || die "the group $group of some files does not exist on this host"
	else
		grep -q "^$group:" /etc/group || die "the group $group of some files does not exist on this host"
	fi
done

# 6. The new sendmail.cf, checked by this host's sendmail before anything changes.
sendmail=${SENDMAIL:-}
if [ -z "$sendmail" ]; then
	for s in /usr/sbin/sendmail /usr/lib/sendmail /usr/lib/sm.bin/sendmail; do
		if [ -x "$s" ]; then sendmail=$s; break; fi
	done
fi
[ -n "$sendmail" ] && [ -x "$sendmail" ] || die "no sendmail to check the new sendmail.cf with (set SENDMAIL=/path)"
limit=${SMGUARD_CF_CHECK_TIMEOUT:-150}
case $limit in '' | *[!0-9]*) die "SMGUARD_CF_CHECK_TIMEOUT must be a number of seconds" ;; esac
case $(hostname -f 2>/dev/null || hostname) in
*.*) ;;
*) say "this host's name is not fully qualified: sendmail pauses 60 s before it answers" ;;
esac
set +e
if command -v timeout >/dev/null 2>&1; then
	timeout "$limit" "$sendmail" -C "$here/etc/mail/sendmail.cf" -bt </dev/null >"$work/cf-check" 2>&1
else
	"$sendmail" -C "$here/etc/mail/sendmail.cf" -bt </dev/null >"$work/cf-check" 2>&1
fi
rc=$?
set -e
[ "$rc" -ne 124 ] || die "sendmail did not answer within $limit s (SMGUARD_CF_CHECK_TIMEOUT)"
if [ "$rc" -ne 0 ] || grep -q ': line [0-9][0-9]*: ' "$work/cf-check"; then
	die "$sendmail rejects the new sendmail.cf (exit $rc): $(grep ': line [0-9]' "$work/cf-check" | head -5 | tr '\n' ' ')"
fi
say "$sendmail accepts the new sendmail.cf"

# 7. The plan. A file that is already exactly as this version has it (content, mode and
# owner) is left alone: installing a version that changed three override files of 50,000
# writes three files.
compare_tree "$here/MANIFEST" "$work/compare"
cut -f1 "$work/compare" | sort -u >"$work/differ"
cut -f1 "$work/files" | sort >"$work/file.targets"
comm -23 "$work/file.targets" "$work/differ" >"$work/unchanged"
awk -F'\t' 'FILENAME == ARGV[1] { same[$0] = 1; next } !($1 in same)' "$work/unchanged" "$work/files" >"$work/files.todo"
cut -f1 "$work/files" >"$work/targets"
cut -f1 "$work/links" >>"$work/targets"
cut -f1 "$work/files.todo" >"$work/targets.todo"
cut -f1 "$work/links" >>"$work/targets.todo"
: >"$work/orphans"
for d in $overrides_dir $smbin_dir; do
	[ -d "$dest/$d" ] || continue
	(cd "$dest/$d" && ls -A) | while read -r name; do
		case $name in .smguard-stage.*) continue ;; esac
		printf '%s/%s\n' "$d" "$name"
	done >>"$work/orphans.all"
done
touch "$work/orphans.all"
sort "$work/targets" >"$work/targets.sorted"
sort "$work/orphans.all" | comm -23 - "$work/targets.sorted" >"$work/orphans.candidates"
while read -r p; do
	if [ -d "$dest/$p" ] && [ ! -L "$dest/$p" ]; then
		warn "leaving the directory /$p alone (the bundle manages files only)"
	else
		printf '%s\n' "$p" >>"$work/orphans"
	fi
done <"$work/orphans.candidates"
: >"$work/existing"
: >"$work/absent"
while read -r p; do
	if [ -d "$dest/$p" ] && [ ! -L "$dest/$p" ]; then
		die "/$p is a directory on this host; the bundle has a file there"
	fi
	if [ -e "$dest/$p" ] || [ -L "$dest/$p" ]; then
		printf '%s\n' "$p" >>"$work/existing"
	else
		printf '%s\n' "$p" >>"$work/absent"
	fi
done <"$work/targets.todo"
say "plan: $(wc -l <"$work/absent" | tr -d ' ') new, $(wc -l <"$work/existing" | tr -d ' ') replaced, $(wc -l <"$work/unchanged" | tr -d ' ') unchanged, $(wc -l <"$work/orphans" | tr -d ' ') removed (not in this version) under ${dest:-/}"
if [ "$dry_run" -eq 1 ]; then
	sed 's/^/  new     \//' "$work/absent"
	sed 's/^/  replace \//' "$work/existing"
	sed 's/^/  remove  \//' "$work/orphans"
	while IFS=$tab read -r p target; do say "  link /$p -> $target"; done <"$work/links"
	say "dry run: nothing changed"
	exit 0
fi

# 8. Backup of everything replaced or removed, and of what is installed now.
lock
stamp=$(date -u +%Y%m%dT%H%M%SZ)
backup=$state/backups/$stamp-v$version
[ ! -e "$backup" ] || backup=$backup-$$
mkdir "$backup"
cat "$work/existing" "$work/orphans" >"$backup/existing.list"
cp "$work/absent" "$backup/absent.list"
: >"$backup/dirs.list"
if [ -s "$backup/existing.list" ]; then
	tar -cf "$backup/tree.tar" -C "$root" -T "$backup/existing.list"
else
	tar -cf "$backup/tree.tar" -T /dev/null
fi
[ ! -f "$state/installed" ] || cp -p "$state/installed" "$backup/state"
[ ! -f "$state/MANIFEST" ] || cp -p "$state/MANIFEST" "$backup/MANIFEST"
printf 'policy %s version %s -> policy %s version %s, %s\n' "${installed_policy:--}" "$installed_version" \
	"$policy" "$version" "$stamp" >"$backup/info"
: >"$backup/complete"
say "backup in $backup"

# 9. Install.
halfway=1
for t in install.sh rollback.sh smguard-pull; do
	cp "$here/$t" "$state/bin/.$t.new"
	chmod 0755 "$state/bin/.$t.new"
	mv -f "$state/bin/.$t.new" "$state/bin/$t"
done
# Directories first, remembering the ones made here so that a rollback removes them.
{
	sed 's|/[^/]*$||' "$work/targets"
	cut -f1 "$work/dirs"
} | sort -u >"$work/parents"
while read -r d; do
	missing=
	p=$d
	while [ -n "$p" ] && [ ! -d "$dest/$p" ]; do
		missing="$p $missing"
		case $p in */*) p=${p%/*} ;; *) p= ;; esac
	done
	for m in $missing; do
		mkdir "$dest/$m"
		printf '%s\n' "$m" >>"$backup/dirs.list"
	done
done <"$work/parents"
while IFS=$tab read -r d dmode downer _; do
	chmod "$dmode" "$dest/$d"
	[ "$as_root" -eq 0 ] || chown "$downer" "$dest/$d"
done <"$work/dirs"
# Files, by directory, mode and owner: copied into a staging directory beside their place,
# given their mode and owner there, then renamed into place.
awk -F'\t' '{ d = $1; sub("/[^/]*$", "", d); print d "\t" $2 "\t" $3 "\t" $1 }' "$work/files.todo" | sort >"$work/groups"
cut -f1-3 "$work/groups" | uniq >"$work/group.keys"
while IFS=$tab read -r d fmode fowner; do
	awk -F'\t' -v d="$d" -v m="$fmode" -v o="$fowner" '$1 == d && $2 == m && $3 == o { print $4 }' \
		"$work/groups" >"$work/group.list"
	s=$(stage_in "$dest/$d")
	(cd "$here" && xargs sh -c 'exec cp -- "$@" "$0"' "$s" <"$work/group.list")
	(cd "$s" && find . ! -name . -prune -exec chmod "$fmode" {} +)
	[ "$as_root" -eq 0 ] || (cd "$s" && find . ! -name . -prune -exec chown "$fowner" {} +)
	move_all "$s" "$dest/$d"
	rm -rf "$s"
done <"$work/group.keys"
# sm.bin links.
if [ -s "$work/links" ]; then
	s=$(stage_in "$dest/$smbin_dir")
	while IFS=$tab read -r p target; do
		ln -s "$target" "$s/${p##*/}"
	done <"$work/links"
	move_all "$s" "$dest/$smbin_dir"
	rm -rf "$s"
fi
# What this version no longer has: an orphan override keeps redirecting mail, an orphan
# sm.bin entry keeps a program runnable.
# (One at a time: their names are whatever the host had, spaces included.)
while read -r p; do
	rm -f -- "$dest/$p"
done <"$work/orphans"
printf 'policy\t%s\nversion\t%s\nmanifest-sha256\t%s\ninstalled-at\t%s\nbackup\t%s\n' "$policy" "$version" \
	"$(sha256sum <"$here/MANIFEST" | cut -d' ' -f1)" "$stamp" "${backup##*/}" >"$state/installed.tmp"
mv -f "$state/installed.tmp" "$state/installed"
# The manifest of what is installed: smguard-pull checks the installed files against it.
cp "$here/MANIFEST" "$state/MANIFEST.tmp"
mv -f "$state/MANIFEST.tmp" "$state/MANIFEST"
halfway=

# Old backups beyond --keep-backups go.
ls "$state/backups" | sort -r | awk -v keep="$keep_backups" 'NR > keep' | while read -r old; do
	rm -rf "${state:?}/backups/$old"
done

# sendmail opens an override file as its user: a directory above it that others cannot
# search makes every override silently fall through to the user's own .forward.
p=$overrides_dir
while [ -n "$p" ]; do
	case $(ls -ld "$dest/$p" | cut -c10) in
	x | t) ;;
	*) warn "/$p is not searchable by others: sendmail, reading as the user, will skip every override file" ;;
	esac
	case $p in */*) p=${p%/*} ;; *) p= ;; esac
done

log mail.notice "installed policy $policy version $version"
say "installed policy '$policy' version $version"
reload
