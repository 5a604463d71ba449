fn main() -> anyhow::Result<()> {
    // Temporary (ui branch): the I/O helper's main.rs takes over at merge.
    #[cfg(feature = "gui")]
    {
        dealbench::ui::run(std::env::args_os().nth(1).map(Into::into))
    }
    #[cfg(not(feature = "gui"))]
    {
        anyhow::bail!("this build has no desktop app (built without the `gui` feature)")
    }
}
