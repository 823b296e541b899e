//! The `bersih` command line: clean, scan and evaluate posts as text.
fn main() {
    eprintln!("bersih: not implemented yet");
    std::process::exit(2);
}
