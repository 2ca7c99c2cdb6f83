//! Finds libchrony (>= 0.2) and generates the FFI declarations with bindgen.
//!
//! Where the library comes from, in this order:
//! 1. `LIBCHRONY_LIB_DIR` (directory holding libchrony.so) and, optionally,
//!    `LIBCHRONY_INCLUDE_DIR` (directory holding chrony.h);
//! 2. pkg-config's `libchrony`, version 0.2 or newer;
//! 3. otherwise the build stops with a message saying how to get it.
//!
//! bindgen reads the `chrony.h` found next to the library. When there is none
//! (a bare shared library, as scripts/provision-libchrony installs from the
//! PyPI wheel), it reads this crate's own declarations, include/chrony.h.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const MIN_VERSION: &str = "0.2";

const HOW_TO_GET_IT: &str = "\
pychrony needs libchrony >= 0.2 (the chrony project's C client library).
  - Fedora 42+ / EPEL 9:  dnf install libchrony-devel
  - Debian / Ubuntu / other: run scripts/provision-libchrony from pychrony's
    source tree (it installs the upstream-built library into /usr/local), or
    build libchrony from https://gitlab.com/chrony/libchrony and `make install`.
  - Elsewhere: set LIBCHRONY_LIB_DIR to the directory holding libchrony.so
    (and LIBCHRONY_INCLUDE_DIR to the one holding chrony.h, if it has one).";

struct Found {
    lib_dir: Option<PathBuf>,
    include_dir: Option<PathBuf>,
}

fn main() {
    for var in [
        "LIBCHRONY_LIB_DIR",
        "LIBCHRONY_INCLUDE_DIR",
        "PKG_CONFIG",
        "PKG_CONFIG_PATH",
        "PKG_CONFIG_LIBDIR",
        "PKG_CONFIG_SYSROOT_DIR",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    println!("cargo:rerun-if-changed=include/chrony.h");

    let found = from_env()
        .or_else(from_pkg_config)
        .unwrap_or_else(|reason| {
            panic!("\n\nlibchrony was not found: {reason}\n\n{HOW_TO_GET_IT}\n\n");
        });

    if let Some(dir) = &found.lib_dir {
        println!("cargo:rustc-link-search=native={}", dir.display());
    }
    println!("cargo:rustc-link-lib=dylib=chrony");

    let own = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("include/chrony.h");
    let header = found
        .include_dir
        .map(|d| d.join("chrony.h"))
        .filter(|h| h.is_file())
        .unwrap_or(own);
    println!("cargo:rerun-if-changed={}", header.display());
    generate_bindings(&header);
}

fn from_env() -> Result<Found, String> {
    let Some(lib_dir) = env::var_os("LIBCHRONY_LIB_DIR").map(PathBuf::from) else {
        return Err("LIBCHRONY_LIB_DIR is not set".into());
    };
    if !has_library(&lib_dir) {
        panic!(
            "\n\nLIBCHRONY_LIB_DIR={} holds no libchrony.so.\n\n{HOW_TO_GET_IT}\n\n",
            lib_dir.display()
        );
    }
    Ok(Found {
        lib_dir: Some(lib_dir),
        include_dir: env::var_os("LIBCHRONY_INCLUDE_DIR").map(PathBuf::from),
    })
}

fn has_library(dir: &Path) -> bool {
    ["libchrony.so", "libchrony.so.0"]
        .iter()
        .any(|n| dir.join(n).exists())
}

fn from_pkg_config(previous: String) -> Result<Found, String> {
    let pkg_config = env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".into());
    let query = |args: &[&str]| -> Result<String, String> {
        let out = Command::new(&pkg_config)
            .args(args)
            .arg("libchrony")
            .output()
            .map_err(|e| format!("{previous}, and `{pkg_config}` could not run ({e})"))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        } else {
            Err(format!(
                "{previous}, and `{pkg_config} {} libchrony` failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    };
    let version = query(&["--modversion"])?;
    query(&[&format!("--atleast-version={MIN_VERSION}")])
        .map_err(|_| format!("pkg-config finds libchrony {version}, older than {MIN_VERSION}"))?;
    // Upstream's libchrony.pc sets no libdir/includedir variables, only
    // -L and -I flags, so read the flags.
    let first = |args: &[&str], flag: &str| {
        query(args).ok().and_then(|out| {
            out.split_whitespace()
                .find_map(|w| w.strip_prefix(flag).map(PathBuf::from))
        })
    };
    Ok(Found {
        lib_dir: first(&["--libs-only-L"], "-L"),
        include_dir: first(&["--cflags-only-I"], "-I"),
    })
}

fn generate_bindings(header: &Path) {
    let bindings = bindgen::Builder::default()
        .header(header.to_string_lossy())
        .allowlist_function("chrony_.*")
        .allowlist_type("chrony_.*")
        // C enums become newtypes over the integer: a value a newer libchrony
        // adds stays a value, never undefined behaviour as a Rust enum would.
        .newtype_enum("chrony_.*")
        .layout_tests(false)
        .generate_comments(false)
        .generate()
        .unwrap_or_else(|e| panic!("bindgen failed on {}: {e}", header.display()));
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("libchrony.rs");
    bindings
        .write_to_file(&out)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
