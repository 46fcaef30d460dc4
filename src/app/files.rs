//! The files the app writes that hold user data (exports, transcripts, the log): private to
//! the user (0600), and written whole or not at all — into a temporary file beside the
//! destination, synced, then renamed into place. A file dropped before `commit` (an error, a
//! cancelled export) is removed, so nothing half-written is ever left behind.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// What `commit` does when the destination already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (an export the user named).
    Replace,
    /// Keep it and take the next free name: `name-2.ext`, `name-3.ext`, … (a transcript).
    NextFreeName,
}

/// How many alternative names `Existing::NextFreeName` tries before it gives up.
const MAX_NAMES: u32 = 1000;

/// A private file being written; see the module header.
pub struct PrivateFile {
    tmp: BufWriter<NamedTempFile>,
    dest: PathBuf,
}

impl PrivateFile {
    /// A temporary file (0600) in the folder of `dest`.
    pub fn create(dest: &Path) -> io::Result<Self> {
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o600));
        }
        let tmp = builder.tempfile_in(dir)?;
        Ok(Self {
            tmp: BufWriter::new(tmp),
            dest: dest.to_path_buf(),
        })
    }

    /// Flush, sync, and rename into place; the path written (which differs from the one asked
    /// for when `Existing::NextFreeName` found it taken).
    pub fn commit(self, existing: Existing) -> io::Result<PathBuf> {
        let tmp = self.tmp.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        let written = match existing {
            Existing::Replace => {
                tmp.persist(&self.dest).map_err(|e| e.error)?;
                self.dest
            }
            Existing::NextFreeName => persist_next_free(tmp, &self.dest)?,
        };
        sync_folder(&written);
        Ok(written)
    }
}

impl Write for PrivateFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

/// Write `bytes` to a private file at `path` (see [`PrivateFile`]); the path written.
pub fn write_private(path: &Path, bytes: &[u8], existing: Existing) -> io::Result<PathBuf> {
    let mut f = PrivateFile::create(path)?;
    f.write_all(bytes)?;
    f.commit(existing)
}

/// `name.ext`, then `name-2.ext`, `name-3.ext`, …
fn nth_name(dest: &Path, n: u32) -> PathBuf {
    if n == 1 {
        return dest.to_path_buf();
    }
    let stem = dest
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match dest.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    dest.with_file_name(name)
}

fn persist_next_free(mut tmp: NamedTempFile, dest: &Path) -> io::Result<PathBuf> {
    for n in 1..=MAX_NAMES {
        let candidate = nth_name(dest, n);
        match tmp.persist_noclobber(&candidate) {
            Ok(_) => return Ok(candidate),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "{} and {MAX_NAMES} numbered names after it are all taken",
            dest.display()
        ),
    ))
}

/// Make the rename durable (best effort: not every file system lets a folder be synced).
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Open `path` for appending, creating it private (0600); a file that exists with wider
/// permissions is narrowed to 0600. For the log, which grows and so is not renamed.
pub fn open_private_append(path: &Path) -> io::Result<File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        opts.mode(0o600);
        let file = opts.open(path)?;
        if file.metadata()?.permissions().mode() & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        Ok(file)
    }
    #[cfg(not(unix))]
    opts.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_file_is_private_and_replaces_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("users.jsonl");
        std::fs::write(&p, "old").unwrap();
        let written = write_private(&p, b"new", Existing::Replace).unwrap();
        assert_eq!(written, p);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        #[cfg(unix)]
        assert_eq!(mode(&p), 0o600);
        assert_eq!(names(dir.path()), ["users.jsonl"]);
    }

    #[test]
    fn a_transcript_never_overwrites_it_takes_the_next_free_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.md");
        assert_eq!(write_private(&p, b"1", Existing::NextFreeName).unwrap(), p);
        let second = write_private(&p, b"2", Existing::NextFreeName).unwrap();
        assert_eq!(second, dir.path().join("t-2.md"));
        let third = write_private(&p, b"3", Existing::NextFreeName).unwrap();
        assert_eq!(third, dir.path().join("t-3.md"));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "1");
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "2");
        assert_eq!(names(dir.path()), ["t-2.md", "t-3.md", "t.md"]);
    }

    #[test]
    fn a_file_dropped_before_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = PrivateFile::create(&dir.path().join("half.csv")).unwrap();
        f.write_all(&[b'x'; 100_000]).unwrap();
        assert_eq!(
            names(dir.path()).len(),
            1,
            "the temporary file exists while writing"
        );
        drop(f);
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_private(&dir.path().join("no/such/x"), b"", Existing::Replace);
        assert_eq!(e.unwrap_err().kind(), io::ErrorKind::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn the_log_is_opened_private_and_a_wide_one_is_narrowed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.log");
        drop(open_private_append(&p).unwrap());
        assert_eq!(mode(&p), 0o600);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut f = open_private_append(&p).unwrap();
        writeln!(f, "line").unwrap();
        assert_eq!(mode(&p), 0o600);
    }
}
