import Foundation
import Terrain

/// An advisory lock (`flock`) on a batch results folder, held while a run writes there and released when this
/// object goes or the process ends, however it ends. A whole run, and a merge, hold the folder alone; shards share
/// it, each holding its own shard alone. A run that cannot take its lock fails at once, writing nothing.
final class FolderLock {
    private var descriptors: [Int32] = []

    init(_ folder: String, shard: Shard?) throws(InputError) {
        try take(folder + "/.lock", shared: shard != nil, folder: folder) {
            shard == nil
                ? "another phusong batch run or merge is writing into it"
                : "a phusong batch run of the whole manifest, or a merge, is writing into it"
        }
        if let shard {
            try take(folder + "/.lock-shard-\(shard.index)-of-\(shard.count)", shared: false, folder: folder) {
                "another run of shard \(shard.index)/\(shard.count) is writing into it"
            }
        }
    }

    deinit {
        for descriptor in descriptors { close(descriptor) }
    }

    private func take(_ path: String, shared: Bool, folder: String, holder: () -> String) throws(InputError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw InputError(path: folder, reason: "cannot open its lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = busy ? holder() : "cannot lock \(path): \(String(cString: strerror(errno)))"
            close(descriptor)
            throw InputError(path: folder, reason: reason + (busy ? "; wait for it to end, or give another --out" : ""))
        }
        descriptors.append(descriptor)
    }
}
