//! Which spec scores the input: a spec file, a built-in charter version, or the charter version
//! the input files name.

use openness::assessment::lenient::Lenient;
use openness::{Assessment, Spec};

use crate::{Failure, SpecArgs};

/// The spec to use for `inputs`.
pub(crate) fn resolve(args: &SpecArgs, inputs: &[Assessment]) -> Result<Spec, Failure> {
    if let Some(path) = &args.spec {
        return Spec::load(path).map_err(|error| match error.report() {
            Some(report) => Failure::Fatal(format!(
                "{} is not a usable spec:\n{}",
                path.display(),
                crate::output::issues_text(&report.issues)
            )),
            None => Failure::Fatal(error.to_string()),
        });
    }
    if let Some(version) = &args.charter {
        return Ok(openness::charter(version)?);
    }
    let named: Vec<(String, String)> = inputs
        .iter()
        .filter_map(|input| match &input.file.spec {
            Some(Lenient::Valid(spec)) => Some((spec.id.clone(), spec.version.clone())),
            _ => None,
        })
        .collect();
    match named.first() {
        Some((id, version)) if id == openness::CHARTER_ID => Ok(openness::charter(version)?),
        Some((id, _)) => Err(Failure::Fatal(format!(
            "the input is assessed against spec `{id}`, which is not built in; pass its file with \
             {} PATH",
            args.option.unwrap_or("--spec")
        ))),
        None => {
            let spec = openness::latest_charter()?;
            eprintln!(
                "note: the input names no spec; using the built-in {} {} (choose with --spec or \
                 --charter)",
                spec.id(),
                spec.version()
            );
            Ok(spec)
        }
    }
}
