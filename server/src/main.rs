//! The js7-status binary: parse the configuration, set up tracing, serve.

fn main() -> anyhow::Result<()> {
    js7_status::main_entry()
}
