//! A small columnar table and one writer for CSV, JSON lines and Parquet, so every tabular
//! output (runs, trajectories, sweeps) shares one code path.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray, UInt64Array};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;

use crate::atomic::{AtomicFile, write_atomic};
use crate::{Manifest, ReportError};

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Unsigned integer.
    U64,
    /// Unsigned integer or missing.
    OptU64,
    /// Floating point.
    F64,
    /// Floating point or missing.
    OptF64,
    /// Text.
    Str,
    /// Text or missing.
    OptStr,
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An integer.
    U64(u64),
    /// A number.
    F64(f64),
    /// Text (shared: names repeat on every row, so cloning is a reference count).
    Str(Arc<str>),
    /// Missing.
    Null,
}

/// Output file formats, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.csv`, with a sidecar `FILE.manifest.json`.
    Csv,
    /// `.jsonl`, with a sidecar `FILE.manifest.json`.
    JsonLines,
    /// `.parquet`, manifest in the file's key-value metadata under `brink.manifest` (and a
    /// sidecar too, for tools that do not read Parquet metadata).
    Parquet,
}

impl Format {
    /// The format of `path`, by extension.
    pub fn from_path(path: &Path) -> Result<Self, ReportError> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("csv") => Ok(Format::Csv),
            Some("jsonl") => Ok(Format::JsonLines),
            Some("parquet") => Ok(Format::Parquet),
            _ => Err(ReportError::Format {
                path: path.display().to_string(),
                expected: ".csv, .jsonl or .parquet".into(),
            }),
        }
    }
}

/// The sidecar manifest path of `path`.
pub fn manifest_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".manifest.json");
    name.into()
}

/// A column being filled.
#[derive(Debug)]
enum Buffer {
    U64(Vec<Option<u64>>),
    F64(Vec<Option<f64>>),
    Str(Vec<Option<Arc<str>>>),
}

/// The Arrow schema of `columns`.
pub fn schema(columns: &[(&str, Kind)]) -> Schema {
    Schema::new(
        columns
            .iter()
            .map(|(name, kind)| {
                let (data_type, nullable) = match kind {
                    Kind::U64 => (DataType::UInt64, false),
                    Kind::OptU64 => (DataType::UInt64, true),
                    Kind::F64 => (DataType::Float64, false),
                    Kind::OptF64 => (DataType::Float64, true),
                    Kind::Str => (DataType::Utf8, false),
                    Kind::OptStr => (DataType::Utf8, true),
                };
                Field::new(*name, data_type, nullable)
            })
            .collect::<Vec<_>>(),
    )
}

/// Rows of a fixed schema gathered column by column into Arrow record batches: what the
/// Parquet writer writes, and what the Python package hands to pyarrow.
#[derive(Debug)]
pub struct BatchBuilder {
    schema: Arc<Schema>,
    buffers: Vec<Buffer>,
    rows: usize,
}

impl BatchBuilder {
    /// An empty batch of `columns`.
    pub fn new(columns: &[(&str, Kind)]) -> Self {
        let buffers = columns
            .iter()
            .map(|(_, kind)| match kind {
                Kind::U64 | Kind::OptU64 => Buffer::U64(Vec::new()),
                Kind::F64 | Kind::OptF64 => Buffer::F64(Vec::new()),
                Kind::Str | Kind::OptStr => Buffer::Str(Vec::new()),
            })
            .collect();
        Self { schema: Arc::new(schema(columns)), buffers, rows: 0 }
    }

    /// The schema of the batches.
    pub fn schema(&self) -> Arc<Schema> {
        self.schema.clone()
    }

    /// Rows gathered since the last [`BatchBuilder::take`].
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether no row is gathered.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Appends a row (values in column order; a value of another kind than its column's is
    /// a null).
    pub fn push(&mut self, row: &[Value]) {
        debug_assert_eq!(row.len(), self.buffers.len());
        for (buffer, value) in self.buffers.iter_mut().zip(row) {
            match (buffer, value) {
                (Buffer::U64(column), Value::U64(x)) => column.push(Some(*x)),
                (Buffer::F64(column), Value::F64(x)) => column.push(Some(*x)),
                (Buffer::Str(column), Value::Str(text)) => column.push(Some(text.clone())),
                (Buffer::U64(column), _) => column.push(None),
                (Buffer::F64(column), _) => column.push(None),
                (Buffer::Str(column), _) => column.push(None),
            }
        }
        self.rows += 1;
    }

    /// The rows gathered so far as one record batch; the builder is empty afterwards.
    pub fn take(&mut self) -> Result<RecordBatch, arrow_schema::ArrowError> {
        self.rows = 0;
        let arrays: Vec<ArrayRef> = self
            .buffers
            .iter_mut()
            .map(|buffer| -> ArrayRef {
                match buffer {
                    Buffer::U64(column) => Arc::new(UInt64Array::from(std::mem::take(column))),
                    Buffer::F64(column) => Arc::new(Float64Array::from(std::mem::take(column))),
                    Buffer::Str(column) => {
                        let array = StringArray::from_iter(column.iter().map(|s| s.as_deref()));
                        column.clear();
                        Arc::new(array)
                    }
                }
            })
            .collect();
        RecordBatch::try_new(self.schema.clone(), arrays)
    }
}

/// One value as a CSV field, in every CSV table brink writes.
fn csv_field(value: &Value) -> String {
    match value {
        Value::U64(x) => x.to_string(),
        Value::F64(x) => x.to_string(),
        Value::Str(s) => s.to_string(),
        Value::Null => String::new(),
    }
}

/// A CSV table of a fixed schema built in memory: the header and fields a `.csv`
/// [`TableWriter`] writes, for outputs that are not files (a web response).
#[derive(Debug)]
pub struct CsvText {
    writer: csv::Writer<Vec<u8>>,
}

// Writing to a Vec cannot fail (no IO), and every field is a Rust string (valid UTF-8).
const IN_MEMORY: &str = "CSV written to memory cannot fail";

impl CsvText {
    /// Starts a table with `columns`: the header row.
    pub fn new(columns: &[(&str, Kind)]) -> Self {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(columns.iter().map(|(name, _)| name)).expect(IN_MEMORY);
        Self { writer }
    }

    /// Appends a row (values in column order).
    pub fn push(&mut self, row: &[Value]) {
        self.writer.write_record(row.iter().map(csv_field)).expect(IN_MEMORY);
    }

    /// The table's text.
    pub fn finish(self) -> String {
        String::from_utf8(self.writer.into_inner().expect(IN_MEMORY)).expect(IN_MEMORY)
    }
}

/// Rows per Parquet row group / buffered batch.
const BATCH_ROWS: usize = 65_536;

enum Sink {
    Csv(Box<csv::Writer<AtomicFile>>),
    JsonLines(AtomicFile),
    Parquet(Box<ArrowWriter<AtomicFile>>),
}

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Sink::Csv(_) => "Csv",
            Sink::JsonLines(_) => "JsonLines",
            Sink::Parquet(_) => "Parquet",
        })
    }
}

/// Writes rows of a fixed schema to one file, atomically: the file appears only on
/// [`TableWriter::finish`].
#[derive(Debug)]
pub struct TableWriter {
    path: std::path::PathBuf,
    columns: Vec<(String, Kind)>,
    /// Parquet: the current batch, column by column.
    batch: BatchBuilder,
    sink: Sink,
    manifest: Manifest,
}

impl TableWriter {
    /// Starts a table with `columns` at `path` (format by extension).
    pub fn create(path: &Path, columns: &[(&str, Kind)], manifest: Manifest) -> Result<Self, ReportError> {
        let format = Format::from_path(path)?;
        let columns: Vec<(String, Kind)> = columns.iter().map(|(n, k)| ((*n).to_owned(), *k)).collect();
        let borrowed: Vec<(&str, Kind)> = columns.iter().map(|(n, k)| (n.as_str(), *k)).collect();
        let batch = BatchBuilder::new(&borrowed);
        let schema = batch.schema();
        let file = AtomicFile::create(path)?;
        let sink = match format {
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(file);
                writer.write_record(columns.iter().map(|(n, _)| n)).map_err(|e| ReportError::io(path, e))?;
                Sink::Csv(Box::new(writer))
            }
            Format::JsonLines => Sink::JsonLines(file),
            Format::Parquet => {
                // Row groups of BATCH_ROWS keep the writer's memory bounded however many runs.
                let properties = WriterProperties::builder()
                    .set_max_row_group_row_count(Some(BATCH_ROWS))
                    .set_key_value_metadata(Some(vec![parquet::file::metadata::KeyValue::new(
                        "brink.manifest".to_owned(),
                        manifest.to_json(),
                    )]))
                    .build();
                let writer = ArrowWriter::try_new(file, schema.clone(), Some(properties))
                    .map_err(|e| ReportError::io(path, e))?;
                Sink::Parquet(Box::new(writer))
            }
        };
        Ok(Self { path: path.to_path_buf(), columns, batch, sink, manifest })
    }

    /// Appends a row (values in column order).
    pub fn push(&mut self, row: &[Value]) -> Result<(), ReportError> {
        debug_assert_eq!(row.len(), self.columns.len());
        match &mut self.sink {
            Sink::Csv(writer) => {
                writer.write_record(row.iter().map(csv_field)).map_err(|e| ReportError::io(&self.path, e))
            }
            Sink::JsonLines(file) => {
                let mut object = serde_json::Map::with_capacity(row.len());
                for ((name, _), value) in self.columns.iter().zip(row) {
                    object.insert(
                        name.clone(),
                        match value {
                            Value::U64(x) => (*x).into(),
                            Value::F64(x) => {
                                serde_json::Number::from_f64(*x).map_or(serde_json::Value::Null, Into::into)
                            }
                            Value::Str(s) => s.as_ref().into(),
                            Value::Null => serde_json::Value::Null,
                        },
                    );
                }
                serde_json::to_writer(&mut *file, &object).map_err(|e| ReportError::io(&self.path, e))?;
                file.write_all(b"\n").map_err(|e| ReportError::io(&self.path, e))
            }
            Sink::Parquet(_) => {
                self.batch.push(row);
                if self.batch.len() >= BATCH_ROWS { self.flush_batch() } else { Ok(()) }
            }
        }
    }

    fn flush_batch(&mut self) -> Result<(), ReportError> {
        let Sink::Parquet(writer) = &mut self.sink else { return Ok(()) };
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = self.batch.take().map_err(|e| ReportError::io(&self.path, e))?;
        writer.write(&batch).map_err(|e| ReportError::io(&self.path, e))
    }

    /// Completes the file and its manifest and moves them into place.
    pub fn finish(mut self) -> Result<(), ReportError> {
        self.flush_batch()?;
        let path = self.path.clone();
        let file = match self.sink {
            Sink::Csv(writer) => writer.into_inner().map_err(|e| ReportError::io(&path, e.error()))?,
            Sink::JsonLines(file) => file,
            Sink::Parquet(writer) => writer.into_inner().map_err(|e| ReportError::io(&path, e))?,
        };
        write_atomic(&manifest_path(&path), self.manifest.to_json().as_bytes())?;
        file.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_text_is_the_csv_file_a_table_writer_writes() {
        let columns = [("run", Kind::U64), ("rung", Kind::Str), ("p", Kind::F64), ("note", Kind::Str)];
        let rows = [
            vec![Value::U64(0), Value::Str("a, \"quoted\" rung".into()), Value::F64(0.1), Value::Null],
            vec![Value::U64(1), Value::Str("line\nbreak".into()), Value::F64(f64::INFINITY), Value::Str("x".into())],
        ];
        let manifest = Manifest {
            brink_version: "0".into(),
            scenario: "s".into(),
            scenario_origin: "o".into(),
            scenario_hash: "h".into(),
            overrides: Vec::new(),
            seed: 1,
            runs: 2,
            generator: "g".into(),
            content: "runs".into(),
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let mut file = TableWriter::create(&path, &columns, manifest).unwrap();
        let mut text = CsvText::new(&columns);
        for row in &rows {
            file.push(row).unwrap();
            text.push(row);
        }
        file.finish().unwrap();
        let text = text.finish();
        assert_eq!(text, std::fs::read_to_string(&path).unwrap());
        // Fields with a comma, quote or line break are quoted (RFC 4180).
        assert!(text.contains("\"a, \"\"quoted\"\" rung\""), "{text}");
        assert!(text.contains("\"line\nbreak\""), "{text}");
    }
}
