//! A `.zip` of a Terraform repository as the (path, text) files the reader takes: what a user
//! downloads from a code host, or drops on the page. Pure (bytes in, files out), bounded: an
//! archive that would unpack past the input limit, a zip bomb included, is refused while it
//! is read, not after.

use std::io::Read;

use crate::error::{codes, Diagnostic};
use crate::files::Span;

/// The files of `archive` a Terraform reader wants (`.tf`, `.tfvars`, `.tfvars.json`, and a
/// plan's `.json`), each path inside the archive, without a single top folder they all sit
/// in (a code host's `repo-main/`). `max_bytes` bounds what is unpacked; `max_files` the
/// files taken. Directories the reader never reads (`.terraform`, `.git`, `node_modules`,
/// `__MACOSX`) are passed over.
pub fn unzip(
    archive: &str,
    bytes: &[u8],
    max_bytes: usize,
    max_files: usize,
) -> Result<Vec<(String, String)>, Diagnostic> {
    let at = || Span::file_start(archive);
    let refuse = |message: String| Diagnostic::new(codes::ARCHIVE, message, at());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| refuse(format!("{archive} is not a readable .zip: {e}")))?;
    let mut out: Vec<(String, String)> = Vec::new();
    let mut total = 0usize;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| refuse(format!("{archive}: entry {i} does not read: {e}")))?;
        if entry.is_dir() {
            continue;
        }
        // The name as stored, with `/` separators; entries that would leave the archive
        // (`../`) are no files of it.
        let Some(path) = entry
            .enclosed_name()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
        else {
            continue;
        };
        if !wanted(&path) {
            continue;
        }
        if out.len() >= max_files {
            return Err(refuse(format!(
                "{archive} holds more than {max_files} Terraform files"
            )));
        }
        // Read at most what is left of the budget (plus one byte, to tell "too large"): the
        // sizes an archive declares are not trusted.
        let left = max_bytes.saturating_sub(total);
        let mut data = Vec::new();
        (&mut entry)
            .take(left as u64 + 1)
            .read_to_end(&mut data)
            .map_err(|e| refuse(format!("{archive}: {path} does not unpack: {e}")))?;
        if data.len() > left {
            return Err(refuse(format!(
                "{archive} unpacks to more than {} MB of Terraform files",
                max_bytes / 1_048_576
            ))
            .with_hint("open the module's own folder, or a plan JSON"));
        }
        total += data.len();
        let text = String::from_utf8(data)
            .map_err(|_| refuse(format!("{archive}: {path} is not UTF-8 text")))?;
        out.push((path, text));
    }
    strip_common_top(&mut out);
    Ok(out)
}

/// The root module's directory among `files`: the shallowest one holding `.tf` files (the
/// first by name on a tie); `None` when there are none.
pub fn root_module_dir(files: &[(String, String)]) -> Option<String> {
    files
        .iter()
        .filter(|(p, _)| crate::kind::is_configuration(p))
        .map(|(p, _)| p.rsplit_once('/').map_or("", |(d, _)| d))
        .min_by_key(|d| (d.matches('/').count() + usize::from(!d.is_empty()), *d))
        .map(str::to_string)
}

fn wanted(path: &str) -> bool {
    let skipped = path
        .split('/')
        .any(|seg| matches!(seg, ".terraform" | ".git" | "node_modules" | "__MACOSX"));
    !skipped && (crate::kind::is_module_file(path) || crate::kind::may_be_plan(path))
}

/// `repo-main/infra/main.tf`, `repo-main/README.md`… → `infra/main.tf`: a folder every file
/// sits in says nothing.
fn strip_common_top(files: &mut [(String, String)]) {
    let Some(top) = files
        .first()
        .and_then(|(p, _)| p.split_once('/').map(|(t, _)| format!("{t}/")))
    else {
        return;
    };
    if files.iter().all(|(p, _)| p.starts_with(&top)) {
        for (p, _) in files.iter_mut() {
            *p = p.get(top.len()..).unwrap_or_default().to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, data) in entries {
            w.start_file(*name, options).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn takes_the_terraform_files_without_the_common_top_folder() {
        let bytes = zip_of(
            &[
                (
                    "repo-main/infra/main.tf",
                    b"resource \"aws_instance\" \"a\" {}\n",
                ),
                ("repo-main/infra/prod.tfvars", b"x = 1\n"),
                ("repo-main/README.md", b"# hi\n"),
                ("repo-main/infra/.terraform/modules/m/main.tf", b"ignored\n"),
            ],
            zip::CompressionMethod::Stored,
        );
        let files = unzip("repo.zip", &bytes, 1 << 20, 100).unwrap();
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["infra/main.tf", "infra/prod.tfvars"]);
        assert_eq!(root_module_dir(&files).as_deref(), Some("infra"));
        let nested = [
            ("modules/db/main.tf".to_string(), String::new()),
            ("main.tf".to_string(), String::new()),
        ];
        assert_eq!(root_module_dir(&nested).as_deref(), Some(""));
    }

    #[test]
    fn a_zip_bomb_and_garbage_are_refused_with_the_archive_named() {
        let big = vec![b'a'; 3 << 20];
        let bytes = zip_of(&[("main.tf", &big)], zip::CompressionMethod::Deflated);
        assert!(bytes.len() < 64 * 1024, "a small archive");
        let e = unzip("bomb.zip", &bytes, 1 << 20, 100).unwrap_err();
        assert!(e.message.contains("more than 1 MB"), "{e}");
        assert_eq!(&*e.span.file, "bomb.zip");
        let e = unzip("junk.zip", b"not a zip at all", 1 << 20, 100).unwrap_err();
        assert!(e.message.contains("not a readable .zip"), "{e}");
        let e = unzip(
            "bin.zip",
            &zip_of(
                &[("main.tf", &[0xff, 0xfe, 0x00])],
                zip::CompressionMethod::Stored,
            ),
            1 << 20,
            100,
        )
        .unwrap_err();
        assert!(e.message.contains("not UTF-8"), "{e}");
    }
}
