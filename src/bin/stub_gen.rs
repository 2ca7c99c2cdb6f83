//! Writes python/pychrony/_native.pyi from the annotated Rust items.
//! CI runs it and fails if the checked-in stub differs.
fn main() -> pyo3_stub_gen::Result<()> {
    pychrony::stub_info()?.generate()?;
    Ok(())
}
