//! The operator name written into the audit log: the login name of the person at the computer,
//! until 设置 names someone. A name set in 设置 belongs to that login on that computer (the
//! database may be shared): a colleague opening the same file elsewhere keeps their own.

/// The login name of the person at the computer: `USER`, `USERNAME` or `LOGNAME`; on Unix,
/// when none is set (a service, a bare `env -i`), the name of the current uid in
/// `/etc/passwd`; else 未知操作员.
pub(super) fn system_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .into_iter()
        .find_map(|key| {
            std::env::var(key)
                .ok()
                .filter(|value| !value.trim().is_empty())
        })
        .or_else(passwd_user)
        .unwrap_or_else(|| "未知操作员".to_owned())
}

/// The settings key of the operator name of this login on this computer.
pub(super) fn setting_key() -> String {
    format!("operator:{}/{}", host_name(), system_user())
}

/// What a computer whose name cannot be found is called.
pub(super) const UNKNOWN_HOST: &str = "未知计算机";

/// This computer's name, as colleagues on a shared folder would know it.
pub(crate) fn host_name() -> String {
    ["COMPUTERNAME", "HOSTNAME"]
        .into_iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|name| name.trim().to_owned())
                .filter(|name| !name.is_empty())
        })
        .unwrap_or_else(|| UNKNOWN_HOST.to_owned())
}

/// The name of this process's uid in `/etc/passwd` (the uid is the owner of `/proc/self`).
#[cfg(unix)]
fn passwd_user() -> Option<String> {
    use std::os::unix::fs::MetadataExt as _;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    name_of_uid(&passwd, uid)
}

#[cfg(not(unix))]
fn passwd_user() -> Option<String> {
    None
}

/// The login name of `uid` in the text of a `passwd` file (`name:password:uid:…` per line).
#[cfg_attr(not(unix), allow(dead_code))]
fn name_of_uid(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?.trim();
        let _password = fields.next()?;
        let found: u32 = fields.next()?.trim().parse().ok()?;
        (found == uid && !name.is_empty() && !name.starts_with('#')).then(|| name.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uid_is_found_by_its_passwd_line() {
        let passwd = "# comment:x:7\nroot:x:0:0:root:/root:/bin/bash\n\
                      \nbroken\nzhang:x:1000:1000:张晓喆:/home/zhang:/bin/sh\nnobody:x:65534:65534::/:\n";
        assert_eq!(name_of_uid(passwd, 0).as_deref(), Some("root"));
        assert_eq!(name_of_uid(passwd, 1000).as_deref(), Some("zhang"));
        assert_eq!(name_of_uid(passwd, 7), None, "comments are not users");
        assert_eq!(name_of_uid(passwd, 42), None);
        assert_eq!(name_of_uid("", 0), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_a_name_in_passwd() {
        // The test runs as someone /etc/passwd knows (root in CI containers).
        let name = passwd_user();
        assert!(name.as_deref().is_some_and(|n| !n.is_empty()), "{name:?}");
    }
}
