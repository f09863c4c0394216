//! Validate, prepare and score: the steps from assessment files to results.

use crate::assessment::{Assessment, Table};
use crate::error::Error;
use crate::issue::Report;
use crate::prepare::{Prepared, PreparedData, ValidationOptions, prepare};
use crate::results::Results;
use crate::spec::Spec;

/// One input of validation: an assessment, or a long table held as columns.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// An assessment read from JSON or CSV, or built in memory.
    Assessment(&'a Assessment),
    /// A long table held as columns (a DataFrame).
    Table(&'a Table),
}

/// What [`Spec::validate`], [`Spec::prepare`] and [`Spec::score`] take as inputs:
/// [`Assessment`]s, [`Table`]s, references to them, or [`Input`]s mixing both.
pub trait AsInput {
    /// The input.
    fn as_input(&self) -> Input<'_>;
}

impl AsInput for Assessment {
    fn as_input(&self) -> Input<'_> {
        Input::Assessment(self)
    }
}

impl AsInput for Table {
    fn as_input(&self) -> Input<'_> {
        Input::Table(self)
    }
}

impl AsInput for Input<'_> {
    fn as_input(&self) -> Input<'_> {
        *self
    }
}

impl<T: AsInput + ?Sized> AsInput for &T {
    fn as_input(&self) -> Input<'_> {
        (**self).as_input()
    }
}

impl Spec {
    /// Checks assessments against this spec and reports every problem found, errors and
    /// warnings, in the order found.
    ///
    /// `inputs` may hold the assessments or references to them (`&[&Assessment]`), so that a
    /// caller keeping its assessments elsewhere (a binding's objects) need not copy them, and
    /// may be [`Table`]s (see [`AsInput`]). A single table whose cells are all valid is
    /// validated straight from its columns; the report is the same either way.
    ///
    /// ```
    /// use openness::{Assessment, ValidationOptions};
    ///
    /// # // Builds without the default feature `embedded-charters` are given the published file.
    /// # let published = std::fs::read("../spec/charter/1.0.0/charter.json").unwrap();
    /// # openness::spec::provide_charter("1.0.0", &published).unwrap();
    /// let spec = openness::charter("1.0.0").unwrap();
    /// let input = Assessment::from_json_str(r#"{
    ///     "spec": {"id": "political-openness-charter", "version": "1.0.0"},
    ///     "cycle": 2026,
    ///     "entities": [{"id": "p1", "responses": [{"item": "T1.01", "answer": "yess"}]}]
    /// }"#, "input.json").unwrap();
    /// let report = spec.validate(&[&input], &ValidationOptions::default()); // or `&[input]`
    /// let error = report.errors().next().unwrap();
    /// assert_eq!(error.code.as_str(), "answer-not-on-scale");
    /// assert_eq!(error.location.pointer.as_deref(), Some("/entities/0/responses/0/answer"));
    /// ```
    pub fn validate(&self, inputs: &[impl AsInput], options: &ValidationOptions) -> Report {
        prepare_inputs(self, inputs, options).1
    }

    /// Validates assessments and lays them out for scoring; fails with every problem found
    /// when any is an error.
    pub fn prepare(
        &self,
        inputs: &[impl AsInput],
        options: &ValidationOptions,
    ) -> Result<Prepared, Error> {
        match prepare_inputs(self, inputs, options) {
            (Some(data), report) => Ok(data.with_report(report)),
            (None, report) => Err(Error::Invalid(report)),
        }
    }

    /// Validates and scores assessments, given as for [`Spec::validate`].
    pub fn score(
        &self,
        inputs: &[impl AsInput],
        options: &ValidationOptions,
    ) -> Result<Results, Error> {
        let prepared = self.prepare(inputs, options)?;
        Spec::score_prepared(&prepared)
    }

    /// Scores assessments already validated by [`Spec::prepare`] (with the spec they were
    /// prepared with). Scoring the same prepared data twice gives the same results.
    pub fn score_prepared(prepared: &Prepared) -> Result<Results, Error> {
        let (scores, warnings) = crate::score::score(prepared).map_err(Error::Scoring)?;
        Ok(Results::new(prepared.clone(), scores, warnings))
    }
}

/// Validates inputs: one table from its columns when that path can vouch for every cell,
/// everything else through the assessment model (tables read row by row).
fn prepare_inputs(
    spec: &Spec,
    inputs: &[impl AsInput],
    options: &ValidationOptions,
) -> (Option<PreparedData>, Report) {
    let inputs: Vec<Input<'_>> = inputs.iter().map(AsInput::as_input).collect();
    if let [Input::Table(table)] = inputs[..]
        && let Some(prepared) = crate::columnar::prepare(spec, table, options)
    {
        return prepared;
    }
    let models: Vec<&Assessment> = inputs
        .iter()
        .map(|input| match input {
            Input::Assessment(assessment) => *assessment,
            Input::Table(table) => table.assessment(),
        })
        .collect();
    prepare(spec, &models, options)
}
