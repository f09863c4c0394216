//! The published charter files: built in by default (feature `embedded-charters`), given by
//! the application otherwise, as the WebAssembly binding does. Run without the feature with
//! `cargo test -p openness --no-default-features --test charter_files`.

#![allow(clippy::unwrap_used)]

use openness::Error;

/// The published file of `version`, as in the repository.
fn published_file(version: &str) -> Vec<u8> {
    let path = format!("{}/../spec/charter/{version}/charter.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(path).unwrap()
}

#[test]
fn every_published_directory_is_a_known_version() {
    // The WebAssembly package ships the files of these directories, one per version.
    let directory = format!("{}/../spec/charter", env!("CARGO_MANIFEST_DIR"));
    let mut versions: Vec<String> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    let number = |version: &str| -> Vec<u64> {
        version.split('.').map(|part| part.parse().unwrap()).collect()
    };
    versions.sort_by_key(|version| number(version));
    assert_eq!(versions, openness::charter_versions());
}

// The only test of this file that loads a version: tests share the process, and so the
// compiled versions.
#[test]
fn a_version_is_given_by_its_published_file() {
    let not_loaded = || matches!(openness::charter("1.0.0"), Err(Error::CharterNotLoaded { .. }));
    if cfg!(feature = "embedded-charters") {
        assert!(openness::charter_json("1.0.0").is_some());
    } else {
        let error = openness::charter("1.0.0").unwrap_err();
        assert!(error.to_string().contains("embedded-charters"), "{error}");
        assert!(not_loaded());
        assert!(openness::latest_charter().is_err());
        assert!(openness::charter_json("1.0.0").is_none());
    }

    let file = published_file("1.0.0");
    let mut edited = file.clone();
    edited.extend_from_slice(b" ");
    match openness::spec::provide_charter("1.0.0", &edited) {
        Err(Error::CharterNotLoaded { version, reason }) => {
            assert_eq!(version, "1.0.0");
            assert!(reason.contains("SHA-256"), "{reason}");
        }
        other => panic!("an edited file was accepted: {other:?}"),
    }
    assert_eq!(not_loaded(), !cfg!(feature = "embedded-charters"));
    let unknown = openness::spec::provide_charter("0.9.0", &file).unwrap_err();
    assert!(matches!(unknown, Error::UnknownSpec { .. }), "{unknown:?}");

    openness::spec::provide_charter("1.0.0", &file).unwrap();
    let charter = openness::charter("1.0.0").unwrap();
    let read = openness::Spec::from_json_slice(&file, None).unwrap();
    assert_eq!(charter.sha256(), read.sha256());
    assert_eq!(openness::latest_charter().unwrap().sha256(), charter.sha256());
}

#[cfg(feature = "embedded-charters")]
#[test]
fn embedded_files_are_the_published_ones() {
    for version in openness::charter_versions() {
        let embedded = openness::charter_json(version).unwrap();
        assert_eq!(embedded.as_bytes(), published_file(version));
    }
}
