// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// SIGINT/SIGTERM (Ctrl+C / console close on Windows) end the running QCoreApplication's event
// loop instead of killing the process, so the engine is stopped cleanly (quit() + wait() of its
// thread, pending usage records flushed) in headless and in GUI mode alike.

namespace lip::app {

// Call once, first thing in main(). Every QCoreApplication created afterwards, including the
// QApplication the UI module creates, is hooked up automatically (Q_COREAPP_STARTUP_FUNCTION),
// so the UI needs no code of its own for this.
void installQuitOnSignal();

// True once SIGINT/SIGTERM arrived and was seen by the event loop. A signal that came while no
// event loop was running (e.g. during a blocking start) cannot quit a loop that is not running
// yet: callers check this before entering exec().
bool quitSignalReceived();

} // namespace lip::app
