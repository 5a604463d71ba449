//! Every action a user can take from a menu, a shortcut or a button, in one enum: its label,
//! tooltip and shortcut come from here, so menus, shortcuts and tooltips never disagree.
//! Commands are queued during a frame and run once at its end.

use std::path::PathBuf;

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

pub use crate::model::edit::{ComponentKind, SeriesKind};

// The kinds are domain (`model::edit`); their names on the palette are the app's.
impl ComponentKind {
    /// The name on the palette.
    pub fn label(self) -> &'static str {
        match self {
            ComponentKind::FixedFee => "Fixed fee",
            ComponentKind::UnitRates => "Unit rates",
            ComponentKind::Tiers => "Tiers",
            ComponentKind::ResourceAdjustment => "ARC/RRC",
            ComponentKind::MinimumCommitment => "Minimum commitment",
            ComponentKind::Indexation => "Indexation",
            ComponentKind::ChargeCap => "Charge cap",
            ComponentKind::ServiceLevel => "Service level",
            ComponentKind::Bonus => "Bonus",
            ComponentKind::Trigger => "Trigger",
            ComponentKind::Milestone => "Milestone",
        }
    }

    /// What the component does, for the palette's tooltip.
    pub fn tooltip(self) -> &'static str {
        match self {
            ComponentKind::FixedFee => "A fixed amount per month",
            ComponentKind::UnitRates => "A price per unit (call, ticket, hour) per service class",
            ComponentKind::Tiers => {
                "Prices by volume band: graduated, all-units or tiered fixed fee"
            }
            ComponentKind::ResourceAdjustment => {
                "Additional / reduced resource charges around a baseline volume with a dead band"
            }
            ComponentKind::MinimumCommitment => {
                "Take-or-pay: a shortfall below the minimum is billed"
            }
            ComponentKind::Indexation => "Annual price indexation at each contract anniversary",
            ComponentKind::ChargeCap => "A limit on charges per month or contract year",
            ComponentKind::ServiceLevel => "A KPI with target, minimum and a credit rule",
            ComponentKind::Bonus => "A bonus for beating a threshold",
            ComponentKind::Trigger => "A termination or escalation trigger (a flag, not money)",
            ComponentKind::Milestone => {
                "A dated commitment (go-live), with a delay credit per day or week late"
            }
        }
    }
}

/// One action.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Start a new blank project.
    New,
    /// Choose a project file to open.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Save to the current file (or ask for one).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Save to this file.
    SaveTo(PathBuf),
    /// Choose where to write the workbook (XLSX).
    ExportWorkbook,
    /// Write the workbook to this file.
    ExportWorkbookTo(PathBuf),
    /// Choose where to write the client report (HTML, or PDF).
    ExportReport,
    /// Write the client report to this file (PDF when it ends in `.pdf`).
    ExportReportTo(PathBuf),
    /// Open the client report in the system's browser, to read or print.
    Print,
    /// Choose where to save the chart shown as a picture (PNG, or SVG).
    SaveChart,
    /// Save the chart shown to this file (SVG when it ends in `.svg`, else PNG).
    SaveChartTo(PathBuf),
    /// Copy the chart shown to the clipboard as an image.
    CopyChart,
    /// Import KPI and volume history from a CSV or XLSX file.
    ImportKpis,
    /// Re-read an earlier import (index into the project's import sources) with its mapping.
    Reimport(usize),
    /// Close the window.
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Add a component to the selected scenario.
    Add(ComponentKind),
    /// Add a data series to the project.
    AddSeries(SeriesKind),
    /// Add a new empty scenario.
    NewScenario,
    /// Copy the selected scenario.
    DuplicateScenario,
    /// Copy the selected offer as the next round of its negotiation.
    CounterOffer,
    /// Delete the selected item.
    Delete,
    /// Move the selected item earlier.
    MoveUp,
    /// Move the selected item later.
    MoveDown,
    /// Copy the ledger of the selected scenario as TSV.
    CopyLedger,
    /// Show the keyboard shortcuts.
    Shortcuts,
    /// Show the glossary of contract terms.
    Glossary,
    /// Show what Dealbench is.
    About,
}

impl SeriesKind {
    /// The name on the tree's add buttons.
    pub fn label(self) -> &'static str {
        match self {
            SeriesKind::Kpi => "KPI series",
            SeriesKind::Volume => "Volume",
            SeriesKind::Index => "Index series",
        }
    }

    /// What the series holds, for the button's tooltip.
    pub fn tooltip(self) -> &'static str {
        match self {
            SeriesKind::Kpi => "A KPI's monthly history, entered by hand",
            SeriesKind::Volume => "A volume's monthly history and forecast",
            SeriesKind::Index => "A price index for indexation",
        }
    }
}

impl Command {
    /// The commands that have a fixed menu entry or shortcut (those without data).
    pub const MENU: [Command; 22] = [
        Command::New,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::ExportWorkbook,
        Command::ExportReport,
        Command::Print,
        Command::ImportKpis,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::NewScenario,
        Command::DuplicateScenario,
        Command::CounterOffer,
        Command::Delete,
        Command::MoveUp,
        Command::MoveDown,
        Command::CopyLedger,
        Command::Shortcuts,
        Command::Glossary,
        Command::About,
        Command::Add(ComponentKind::FixedFee),
    ];

    /// The label in menus and on buttons; "…" when it opens a dialog.
    pub fn label(&self) -> String {
        match self {
            Command::New => "New".into(),
            Command::Open => "Open…".into(),
            Command::OpenPath(path) => path.display().to_string(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save as…".into(),
            Command::SaveTo(path) => format!("Save to {}", path.display()),
            Command::ExportWorkbook => "Export workbook…".into(),
            Command::ExportWorkbookTo(path) => format!("Export the workbook to {}", path.display()),
            Command::ExportReport => "Export report…".into(),
            Command::ExportReportTo(path) => format!("Export the report to {}", path.display()),
            Command::Print => "Print…".into(),
            Command::SaveChart => "Save picture…".into(),
            Command::SaveChartTo(path) => format!("Save the chart to {}", path.display()),
            Command::CopyChart => "Copy picture".into(),
            Command::ImportKpis => "Import KPI history…".into(),
            Command::Reimport(i) => format!("Re-import source {}", i + 1),
            Command::Quit => "Quit".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::Add(kind) => kind.label().into(),
            Command::AddSeries(kind) => kind.label().into(),
            Command::NewScenario => "New scenario".into(),
            Command::DuplicateScenario => "Duplicate scenario".into(),
            Command::CounterOffer => "Counter this offer".into(),
            Command::Delete => "Delete".into(),
            Command::MoveUp => "Move up".into(),
            Command::MoveDown => "Move down".into(),
            Command::CopyLedger => "Copy ledger as TSV".into(),
            Command::Shortcuts => "Shortcuts…".into(),
            Command::Glossary => "Glossary…".into(),
            Command::About => "About…".into(),
        }
    }

    /// What the command does.
    pub fn tooltip(&self) -> String {
        match self {
            Command::New => "Start a new project with one empty offer".into(),
            Command::Open => "Open a project file (.ron)".into(),
            Command::OpenPath(path) => format!("Open {}", path.display()),
            Command::Save => "Save the project to its file".into(),
            Command::SaveAs => "Save the project to a new file".into(),
            Command::SaveTo(path) => format!("Save the project to {}", path.display()),
            Command::ExportWorkbook => "Write an XLSX workbook: every offer's ledger, the offers compared, the history and the assumptions".into(),
            Command::ExportWorkbookTo(path) => format!("Write the workbook to {}", path.display()),
            Command::ExportReport => "Write the client report: HTML, or PDF when the name ends in .pdf".into(),
            Command::ExportReportTo(path) => format!("Write the report to {}", path.display()),
            Command::Print => "Open the client report in your browser, to read it or print it".into(),
            Command::SaveChart => "Save the chart as a picture: PNG as on screen, or SVG (a drawing that scales) for the invoice, waterfall, offers and risk charts".into(),
            Command::SaveChartTo(path) => format!("Save the chart to {}", path.display()),
            Command::CopyChart => "Copy the chart to the clipboard as an image".into(),
            Command::ImportKpis => {
                "Bring KPI and volume history in from a CSV or XLSX export; nothing changes until you apply".into()
            }
            Command::Reimport(_) => {
                "Read the file again with the same mapping and review what changed".into()
            }
            Command::Quit => "Close Dealbench".into(),
            Command::Undo => "Undo the last change".into(),
            Command::Redo => "Redo the change just undone".into(),
            Command::Add(kind) => kind.tooltip().into(),
            Command::AddSeries(kind) => kind.tooltip().into(),
            Command::NewScenario => "Add an empty offer to compare".into(),
            Command::DuplicateScenario => "Copy the selected offer to change its terms".into(),
            Command::CounterOffer => {
                "Copy the selected offer as the next round of its negotiation, proposed by the other side; the offer countered is marked countered".into()
            }
            Command::Delete => "Delete the selected component".into(),
            Command::MoveUp => "Move the selected component earlier in its group".into(),
            Command::MoveDown => "Move the selected component later in its group".into(),
            Command::CopyLedger => "Copy the selected offer's ledger for a spreadsheet".into(),
            Command::Shortcuts => "List the keyboard shortcuts".into(),
            Command::Glossary => "Every contract term, what it means and how Dealbench applies it".into(),
            Command::About => "What Dealbench is".into(),
        }
    }

    /// The keyboard shortcuts, the first one shown in menus.
    pub fn shortcuts(&self) -> &'static [KeyboardShortcut] {
        const CMD: Modifiers = Modifiers::COMMAND;
        const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        const NEW: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::O)];
        const SAVE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::S)];
        const SAVE_AS: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD_SHIFT, Key::S)];
        const QUIT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Q)];
        const IMPORT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::I)];
        const PRINT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::P)];
        const UNDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Z)];
        const REDO: [KeyboardShortcut; 2] = [
            KeyboardShortcut::new(CMD_SHIFT, Key::Z),
            KeyboardShortcut::new(CMD, Key::Y),
        ];
        const DUPLICATE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::D)];
        const DELETE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::Delete)];
        const UP: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp)];
        const DOWN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown)];
        const COPY: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD_SHIFT, Key::C)];
        const HELP: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::F1)];
        match self {
            Command::New => &NEW,
            Command::Open => &OPEN,
            Command::Save => &SAVE,
            Command::SaveAs => &SAVE_AS,
            Command::ImportKpis => &IMPORT,
            Command::Print => &PRINT,
            Command::Quit => &QUIT,
            Command::Undo => &UNDO,
            Command::Redo => &REDO,
            Command::DuplicateScenario => &DUPLICATE,
            Command::Delete => &DELETE,
            Command::MoveUp => &UP,
            Command::MoveDown => &DOWN,
            Command::CopyLedger => &COPY,
            Command::Shortcuts => &HELP,
            _ => &[],
        }
    }

    /// The commands bound to keys, with their shortcuts, most modifiers first so that
    /// Ctrl+Shift+Z is matched before Ctrl+Z.
    pub fn bindings() -> Vec<(KeyboardShortcut, Command)> {
        let mut all: Vec<(KeyboardShortcut, Command)> = Command::MENU
            .iter()
            .flat_map(|c| c.shortcuts().iter().map(move |s| (*s, c.clone())))
            .collect();
        let weight = |m: Modifiers| m.shift as u8 + m.alt as u8 + m.command as u8 + m.ctrl as u8;
        all.sort_by_key(|(s, _)| std::cmp::Reverse(weight(s.modifiers)));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let bindings = Command::bindings();
        for (i, (a, ca)) in bindings.iter().enumerate() {
            for (b, cb) in &bindings[i + 1..] {
                assert!(
                    !(a.logical_key == b.logical_key && a.modifiers == b.modifiers),
                    "{ca:?} and {cb:?} both use {a:?}"
                );
            }
        }
    }

    #[test]
    fn dialogs_end_in_an_ellipsis() {
        for c in [
            Command::Open,
            Command::SaveAs,
            Command::ExportWorkbook,
            Command::ExportReport,
            Command::Print,
            Command::SaveChart,
            Command::ImportKpis,
            Command::Shortcuts,
            Command::Glossary,
            Command::About,
        ] {
            assert!(c.label().ends_with('…'));
        }
    }
}
