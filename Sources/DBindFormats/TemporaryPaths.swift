#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Synchronization

/// Files and folders being written under temporary names, so that a run stopped by a signal
/// (Ctrl-C, `kill`, a closed terminal) removes them as a failed run does, instead of leaving
/// hidden `.tmp` files behind. `dbind export` calls `removeOnSignals()` before it writes.
public enum TemporaryPaths {
    private static let paths = Mutex<Set<String>>([])
    private static let sources = Mutex<[DispatchSourceSignal]>([])

    public static func register(_ path: String) { paths.withLock { _ = $0.insert(path) } }

    public static func unregister(_ path: String) { paths.withLock { _ = $0.remove(path) } }

    /// On each of `signals`, removes every registered path, then ends the process as the signal
    /// would have. The handlers run on a dispatch queue, not inside the signal handler, so they
    /// may remove whole folders.
    public static func removeOnSignals(_ signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]) {
        sources.withLock { sources in
            for number in signals {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    for path in paths.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
                    // Ends the process as the signal would have: its default action, delivered to
                    // this thread with the signal unblocked here (dispatch's threads block it, and
                    // a thread the signal reached may have been left blocking it too).
                    signal(number, SIG_DFL)
                    var unblocked = sigset_t()
                    sigemptyset(&unblocked)
                    sigaddset(&unblocked, number)
                    pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
                    raise(number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
