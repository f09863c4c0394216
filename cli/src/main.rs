//! `openness`: the observatory's yearly run — validate assessments, score them, explain a score.
//!
//! Human-readable output goes to stdout, progress and problems to stderr; `--format json` gives
//! scripts the same numbers. The exit code is 0 on success, 1 when the input has errors, 2 when
//! the command cannot run (unreadable file, unknown spec).

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod output;
mod report;
mod spec_source;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

// The CLI reads and frees millions of small strings; mimalloc keeps that fast where the system
// allocator slows down on its fragmented heap.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use openness::{Assessment, CsvOptions, DecimalSeparator, Error, Spec, ValidationOptions};

#[derive(Parser)]
#[command(
    name = "openness",
    version,
    about = "Validate, score and explain Political Openness Charter assessments, or any index written as a spec."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Built-in specs and the JSON Schemas of the file formats.
    Spec {
        #[command(subcommand)]
        command: SpecCommand,
    },
    /// Check assessment files and list every problem with its location.
    Validate(ValidateArgs),
    /// Score assessment files and print the ranking.
    Score(ScoreArgs),
    /// Explain one entity's score: what each indicator contributed, what would raise it most.
    Explain(ExplainArgs),
    /// Convert an assessment between JSON and long CSV; what CSV cannot hold is named on stderr.
    Convert(ConvertArgs),
    /// Write the public dashboard, the annual report and the open data as a static site.
    Report(ReportArgs),
}

#[derive(Subcommand)]
enum SpecCommand {
    /// List the built-in specs.
    List,
    /// Show a spec's tree: dimensions, indicators, elements and measures with their weights.
    Show {
        #[command(flatten)]
        spec: SpecArgs,
        /// Language of the labels.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Print the spec's JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schemas of the spec, assessment, results and summary formats, or write them.
    Schema {
        /// Write `spec.schema.json`, `assessment.schema.json`, `results.schema.json` and
        /// `summary.schema.json` here.
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
    },
}

/// Which spec to use.
#[derive(Args, Clone, Default)]
struct SpecArgs {
    /// A spec file. Default: the built-in charter version the input files name.
    #[arg(long, value_name = "PATH")]
    spec: Option<PathBuf>,
    /// A built-in charter version, when the input names none.
    #[arg(long, value_name = "VERSION", conflicts_with = "spec")]
    charter: Option<String>,
    /// The option that gives the spec file, for messages (`--spec`, `--previous-spec`).
    #[arg(skip)]
    option: Option<&'static str>,
}

/// How to read inputs.
#[derive(Args, Clone)]
struct InputArgs {
    /// Assessment files: JSON, or long CSV (by extension).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    spec: SpecArgs,
    /// Numbers in CSV files use a decimal comma (9,99 and 1.234,56).
    #[arg(long)]
    decimal_comma: bool,
    /// Another id of an entity, as OLD=NEW (repeatable).
    #[arg(long = "alias", value_name = "OLD=NEW")]
    aliases: Vec<String>,
    /// Date to treat as today when refusing future dates (default: today in the spec's time
    /// zone).
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// No progress messages.
    #[arg(long, short)]
    quiet: bool,
    /// Leave out the spec's evidence rules (scores never depend on evidence); a warning says so.
    #[arg(long)]
    skip_evidence: bool,
}

#[derive(Args)]
struct ValidateArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
}

#[derive(Args)]
struct ScoreArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format: a ranked table, the full results as JSON, or every score as long CSV.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    format: ScoreFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Language of names in the table.
    #[arg(long, default_value = "en")]
    lang: String,
}

#[derive(Args)]
struct ExplainArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The entity to explain.
    #[arg(long, value_name = "ID")]
    entity: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Language of labels.
    #[arg(long, default_value = "en")]
    lang: String,
    /// How many improvements to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

#[derive(Args)]
struct ConvertArgs {
    /// The assessment file to convert.
    file: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    to: ConvertFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Numbers in a CSV input use a decimal comma.
    #[arg(long)]
    decimal_comma: bool,
}

#[derive(Args)]
struct ReportArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Folder to write the site to: new, empty, or a site written before by this command.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Assessment files of the previous cycle, for the changes since then where the two cycles
    /// are comparable. Give them after the current files.
    #[arg(long, value_name = "OLDER", num_args = 1..)]
    previous: Vec<PathBuf>,
    /// The spec of the previous cycle, when it is not a built-in charter version.
    #[arg(long, value_name = "PATH", requires = "previous")]
    previous_spec: Option<PathBuf>,
    /// Languages of the site, comma-separated, in the order offered (default: the spec's
    /// languages that have a translation).
    #[arg(long, value_delimiter = ',', value_name = "LANGS")]
    lang: Vec<String>,
    /// Folder of the built WebAssembly widget (with `openness-widget.js`), copied into the
    /// site so that its pages become interactive when served over http(s).
    #[arg(long, value_name = "DIR")]
    widget: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScoreFormat {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ConvertFormat {
    Json,
    Csv,
}

/// Why the command stopped.
enum Failure {
    /// The input has errors, already reported.
    Invalid,
    /// The command could not run.
    Fatal(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Fatal(error.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Spec { command } => run_spec(command),
        Command::Validate(args) => run_validate(args),
        Command::Score(args) => run_score(args),
        Command::Explain(args) => run_explain(args),
        Command::Convert(args) => run_convert(args),
        Command::Report(args) => run_report(args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid) => ExitCode::from(1),
        Err(Failure::Fatal(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_spec(command: SpecCommand) -> Result<(), Failure> {
    match command {
        SpecCommand::List => {
            let mut text = String::new();
            for version in openness::charter_versions() {
                let spec = openness::charter(version)?;
                let title = spec.definition().title.get("en");
                text.push_str(&format!(
                    "{} {}  {title}  sha256:{}\n",
                    spec.id(),
                    spec.version(),
                    spec.sha256()
                ));
            }
            print_stdout(&text)
        }
        SpecCommand::Show { spec, lang, json } => {
            let spec = if spec.spec.is_none() && spec.charter.is_none() {
                openness::latest_charter()?
            } else {
                spec_source::resolve(&spec, &[])?
            };
            for warning in spec.warnings().warnings() {
                eprintln!("{warning}");
            }
            if json {
                print_stdout(&spec.to_json())
            } else {
                print_stdout(&output::spec_tree(&spec, &lang))
            }
        }
        SpecCommand::Schema { write } => {
            let schemas = openness::schema::all();
            match write {
                Some(dir) => {
                    std::fs::create_dir_all(&dir).map_err(|e| fatal_io(&dir, &e))?;
                    for (name, text) in schemas {
                        let path = dir.join(name);
                        std::fs::write(&path, text).map_err(|e| fatal_io(&path, &e))?;
                        eprintln!("wrote {}", path.display());
                    }
                }
                None => {
                    let all: String =
                        schemas.iter().map(|(name, text)| format!("// {name}\n{text}\n")).collect();
                    print_stdout(&all)?;
                }
            }
            Ok(())
        }
    }
}

fn fatal_io(path: &Path, error: &std::io::Error) -> Failure {
    Failure::Fatal(format!("{}: {error}", path.display()))
}

/// Reads the input files; syntax errors are reported as a validation report would be.
fn read_inputs(args: &InputArgs) -> Result<Vec<Assessment>, Failure> {
    let decimal = if args.decimal_comma { DecimalSeparator::Comma } else { DecimalSeparator::Dot };
    let options = CsvOptions { decimal, delimiter: None };
    let total_bytes: u64 =
        args.files.iter().filter_map(|path| std::fs::metadata(path).ok()).map(|m| m.len()).sum();
    let progress = !args.quiet && total_bytes > PROGRESS_THRESHOLD_BYTES;
    let mut inputs = Vec::new();
    let mut failed = false;
    for path in &args.files {
        if progress {
            eprintln!("reading {} …", path.display());
        }
        match Assessment::load(path, &options) {
            Ok(input) => inputs.push(input),
            Err(Error::Invalid(report)) => {
                eprint!("{}", output::issues_text(&report.issues));
                failed = true;
            }
            Err(error) => return Err(error.into()),
        }
    }
    if failed { Err(Failure::Invalid) } else { Ok(inputs) }
}

/// Inputs larger than this get progress messages on stderr.
const PROGRESS_THRESHOLD_BYTES: u64 = 20 * 1024 * 1024;

fn validation_options(args: &InputArgs, spec: &Spec) -> Result<ValidationOptions, Failure> {
    let today = match &args.today {
        Some(text) => Some(text.parse().map_err(|_| {
            Failure::Fatal(format!("--today `{text}` is not a date; write YYYY-MM-DD"))
        })?),
        None => openness::today_in(spec.timezone()),
    };
    let mut aliases = Vec::new();
    for alias in &args.aliases {
        let Some((old, new)) = alias.split_once('=') else {
            return Err(Failure::Fatal(format!("--alias `{alias}` is not OLD=NEW")));
        };
        aliases.push((old.trim().to_owned(), new.trim().to_owned()));
    }
    Ok(ValidationOptions { today, aliases, skip_evidence: args.skip_evidence })
}

fn run_validate(args: ValidateArgs) -> Result<(), Failure> {
    let inputs = read_inputs(&args.input)?;
    let spec = spec_source::resolve(&args.input.spec, &inputs)?;
    let options = validation_options(&args.input, &spec)?;
    let report = spec.validate(&inputs, &options);
    match args.format {
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
            text.push('\n');
            print_stdout(&text)?;
        }
        ReportFormat::Text => {
            let errors = report.errors().count();
            let warnings = report.issues.len() - errors;
            let entities: usize = inputs.iter().map(|i| i.file.entities.len()).sum();
            let summary = format!(
                "{}: {} entit{} checked against {} {}: {errors} error(s), {warnings} warning(s)\n",
                args.input
                    .files
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                entities,
                if entities == 1 { "y" } else { "ies" },
                spec.id(),
                spec.version(),
            );
            print_stdout(&(output::report_by_entity(&report) + &summary))?;
        }
    }
    if report.has_errors() { Err(Failure::Invalid) } else { Ok(()) }
}

fn score_inputs(args: &InputArgs) -> Result<(Spec, openness::Results), Failure> {
    score_inputs_kept(args).map(|(spec, results, _)| (spec, results))
}

/// Scores the inputs and keeps them, for commands that publish them too.
fn score_inputs_kept(
    args: &InputArgs,
) -> Result<(Spec, openness::Results, Vec<Assessment>), Failure> {
    let inputs = read_inputs(args)?;
    let spec = spec_source::resolve(&args.spec, &inputs)?;
    let options = validation_options(args, &spec)?;
    let progress =
        !args.quiet && inputs.iter().map(|i| i.file.entities.len()).sum::<usize>() > 10_000;
    if progress {
        eprintln!("validating and scoring …");
    }
    match spec.score(&inputs, &options) {
        Ok(results) => {
            if !args.quiet && !results.warnings().is_empty() {
                eprintln!(
                    "{} warning(s); `openness validate {}` lists them",
                    results.warnings().issues.len(),
                    args.files
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                );
            }
            Ok((spec, results, inputs))
        }
        Err(Error::Invalid(report)) | Err(Error::Scoring(report)) => {
            eprint!("{}", output::report_by_entity(&report));
            eprintln!("{}", output::summary_line(&report));
            Err(Failure::Invalid)
        }
        Err(error) => Err(error.into()),
    }
}

fn run_score(args: ScoreArgs) -> Result<(), Failure> {
    let (spec, results) = score_inputs(&args.input)?;
    let text = match args.format {
        ScoreFormat::Table => output::ranking_table(&spec, &results, &args.lang),
        ScoreFormat::Csv => output::scores_csv(&results).map_err(Failure::Fatal)?,
        // Results of many entities are written as they are serialised, not built in memory.
        ScoreFormat::Json => {
            return write_streamed(args.out.as_deref(), |writer| results.write_json(writer));
        }
    };
    write_output(args.out.as_deref(), &text)
}

/// Writes what `write` produces to a file or standard output, through a buffer.
fn write_streamed(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    use std::io::Write;
    let result = match out {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| fatal_io(path, &e))?;
            let mut writer = std::io::BufWriter::new(file);
            write(&mut writer).and_then(|()| writer.flush())
        }
        None => {
            let mut writer = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut writer).and_then(|()| writer.flush())
        }
    };
    match result {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Fatal(format!("cannot write the results: {error}")))
        }
        _ => Ok(()),
    }
}

fn run_explain(args: ExplainArgs) -> Result<(), Failure> {
    let (spec, results) = score_inputs(&args.input)?;
    let explanation = results.explain(&args.entity)?;
    let text = match args.format {
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&explanation).unwrap_or_default();
            text.push('\n');
            text
        }
        ReportFormat::Text => {
            output::explanation_text(&spec, &results, &explanation, &args.lang, args.top)
        }
    };
    print!("{text}");
    Ok(())
}

fn run_convert(args: ConvertArgs) -> Result<(), Failure> {
    let decimal = if args.decimal_comma { DecimalSeparator::Comma } else { DecimalSeparator::Dot };
    let input = match Assessment::load(&args.file, &CsvOptions { decimal, delimiter: None }) {
        Ok(input) => input,
        Err(Error::Invalid(report)) => {
            eprint!("{}", output::issues_text(&report.issues));
            return Err(Failure::Invalid);
        }
        Err(error) => return Err(error.into()),
    };
    let text = match args.to {
        ConvertFormat::Json => input.to_json(),
        ConvertFormat::Csv => {
            let (text, left_out) = input.to_csv()?;
            for what in left_out {
                eprintln!("not written to CSV: {what}");
            }
            text
        }
    };
    write_output(args.out.as_deref(), &text)
}

fn write_output(out: Option<&Path>, text: &str) -> Result<(), Failure> {
    match out {
        Some(path) => std::fs::write(path, text).map_err(|e| fatal_io(path, &e)),
        None => print_stdout(text),
    }
}

/// Writes to standard output. A reader that stops early (`openness score … | head`) is not an
/// error: the rest of the output is simply not wanted.
fn print_stdout(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Fatal(format!("cannot write to standard output: {error}")))
        }
        _ => Ok(()),
    }
}

/// The spec's text exactly as published: the file given, or the built-in charter's.
fn spec_text(args: &SpecArgs, spec: &Spec) -> Result<String, Failure> {
    match &args.spec {
        Some(path) => std::fs::read_to_string(path).map_err(|e| fatal_io(path, &e)),
        None => {
            Ok(openness::charter_json(spec.version()).map_or_else(|| spec.to_json(), str::to_owned))
        }
    }
}

fn run_report(args: ReportArgs) -> Result<(), Failure> {
    let (spec, results, inputs) = score_inputs_kept(&args.input)?;
    let langs: Vec<String> = if args.lang.is_empty() {
        let available = report::available_languages();
        spec.definition().languages.iter().filter(|l| available.contains(l)).cloned().collect()
    } else {
        args.lang.iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect()
    };
    report::check_languages(&langs).map_err(Failure::Fatal)?;
    let current =
        report::Cycle { spec_text: spec_text(&args.input.spec, &spec)?, spec, results, inputs };

    let previous = if args.previous.is_empty() {
        None
    } else {
        let previous_args = InputArgs {
            files: args.previous.clone(),
            spec: SpecArgs {
                spec: args.previous_spec.clone(),
                charter: None,
                option: Some("--previous-spec"),
            },
            ..args.input.clone()
        };
        let (spec, results, inputs) = score_inputs_kept(&previous_args)?;
        Some(report::Cycle {
            spec_text: spec_text(&previous_args.spec, &spec)?,
            spec,
            results,
            inputs,
        })
    };

    let options = report::Options { out: args.out.clone(), langs, widget: args.widget.clone() };
    let count =
        report::write_site(&current, previous.as_ref(), &options).map_err(Failure::Fatal)?;
    if !args.input.quiet {
        eprintln!(
            "wrote {count} files to {}; open {} in a browser",
            args.out.display(),
            args.out.join("index.html").display()
        );
    }
    Ok(())
}
