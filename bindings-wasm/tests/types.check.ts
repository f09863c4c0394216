// Compiled (not run) by api.test.mjs with `tsc --strict`: every export is typed, and the
// documents have the shapes applications rely on.

import init, {
  ArgumentError,
  OpennessError,
  Results,
  ScoringError,
  Spec,
  SpecError,
  UnknownEntityError,
  UnknownSpecError,
  ValidationError,
} from "../pkg/index.js";
import type {
  AssessmentFile,
  AssessmentInput,
  EntityDocument,
  ErrorLocation,
  Explanation,
  IndexSpec,
  Issue,
  ResultsDocument,
  ScoreOptions,
} from "../pkg/index.js";

export async function example(csv: string): Promise<number | null> {
  await init();
  const charter: Spec = Spec.charter();
  const versions: string[] = Spec.charterVersions();
  const other: Spec = Spec.fromJson(charter.toJson(), "charter.json");
  const zone: string | null = charter.timezone;
  const definition: IndexSpec = charter.definition();
  const languages: string[] = charter.languages;
  const options: ScoreOptions = { today: null, decimal: "comma", name: ["a.csv"] };
  const file: AssessmentFile = { cycle: 2026, entities: [{ id: "p1", responses: [] }] };
  const inputs: AssessmentInput[] = [csv, file];
  const issues: Issue[] = charter.validate(inputs, options);
  const results: Results = charter.withWeights({ T1: 2 }).score(csv);
  const document: ResultsDocument = results.toDocument();
  const first: EntityDocument | undefined = document.entities[0];
  const explanation: Explanation = results.explain(first?.id ?? "");
  const warnings: Issue[] = results.warnings();
  void [versions, other, zone, definition, languages, issues, explanation, warnings];
  return first?.rounded ?? null;
}

export function describe(error: unknown): string {
  if (error instanceof ValidationError || error instanceof SpecError || error instanceof ScoringError) {
    const where: ErrorLocation | null = error.location;
    return `${error.code} ${where?.pointer ?? where?.line ?? ""} ${error.hint ?? ""} ${error.issues.length}`;
  }
  if (error instanceof UnknownSpecError || error instanceof UnknownEntityError) return error.value ?? "";
  if (error instanceof ArgumentError || error instanceof OpennessError) return error.code;
  return String(error);
}
