// SPDX-License-Identifier: GPL-3.0-or-later
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <atomic>

#if defined(Q_OS_UNIX)
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <qt_windows.h>
#endif

Q_LOGGING_CATEGORY(lcAppSignal, "lip.app.signal", QtInfoMsg)

namespace {

std::atomic<bool> s_quitReceived{false};

#if defined(Q_OS_UNIX)
// Self-pipe: the handler may only do async-signal-safe things, so it writes one byte and the
// event loop (QSocketNotifier on the read end) does the rest.
int s_pipe[2] = {-1, -1};

void onSignal(int)
{
    const int savedErrno = errno;
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(s_pipe[1], &byte, 1);
    errno = savedErrno;
}

void attachToApplication()
{
    QCoreApplication *app = QCoreApplication::instance();
    if (s_pipe[0] < 0 || !app)
        return;
    auto *notifier = new QSocketNotifier(s_pipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [] {
        char buffer[64];
        while (::read(s_pipe[0], buffer, sizeof buffer) > 0) {
        }
        qCInfo(lcAppSignal) << "termination signal received, stopping";
        s_quitReceived = true;
        QCoreApplication::quit();
    });
}
Q_COREAPP_STARTUP_FUNCTION(attachToApplication)

#elif defined(Q_OS_WIN)
BOOL WINAPI onConsoleEvent(DWORD)
{
    // Runs on a thread of its own: posting to the application object is thread-safe.
    s_quitReceived = true;
    if (QCoreApplication *app = QCoreApplication::instance())
        QMetaObject::invokeMethod(app, [] { QCoreApplication::quit(); }, Qt::QueuedConnection);
    return TRUE;
}
#endif

} // namespace

namespace lip::app {

void installQuitOnSignal()
{
#if defined(Q_OS_UNIX)
    if (s_pipe[0] >= 0)
        return;
    if (::pipe(s_pipe) != 0)
        return; // no clean stop on signals, but the default action (terminate) still works
    for (int fd : s_pipe) {
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    attachToApplication(); // for an application that already exists
#elif defined(Q_OS_WIN)
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
#endif
}

bool quitSignalReceived()
{
    return s_quitReceived;
}

} // namespace lip::app
