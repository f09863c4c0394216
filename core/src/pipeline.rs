//! Validate, prepare and score: the steps from assessment files to results.

use std::borrow::Borrow;

use crate::assessment::Assessment;
use crate::error::Error;
use crate::issue::Report;
use crate::prepare::{Prepared, ValidationOptions, prepare};
use crate::results::Results;
use crate::spec::Spec;

impl Spec {
    /// Checks assessments against this spec and reports every problem found, errors and
    /// warnings, in the order found.
    ///
    /// `inputs` may hold the assessments or references to them (`&[&Assessment]`), so that a
    /// caller keeping its assessments elsewhere (a binding's objects) need not copy them.
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
    pub fn validate(
        &self,
        inputs: &[impl Borrow<Assessment>],
        options: &ValidationOptions,
    ) -> Report {
        prepare(self, &borrowed(inputs), options).1
    }

    /// Validates assessments and lays them out for scoring; fails with every problem found
    /// when any is an error.
    pub fn prepare(
        &self,
        inputs: &[impl Borrow<Assessment>],
        options: &ValidationOptions,
    ) -> Result<Prepared, Error> {
        match prepare(self, &borrowed(inputs), options) {
            (Some(data), report) => Ok(data.with_report(report)),
            (None, report) => Err(Error::Invalid(report)),
        }
    }

    /// Validates and scores assessments, given as for [`Spec::validate`].
    pub fn score(
        &self,
        inputs: &[impl Borrow<Assessment>],
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

fn borrowed(inputs: &[impl Borrow<Assessment>]) -> Vec<&Assessment> {
    inputs.iter().map(Borrow::borrow).collect()
}
