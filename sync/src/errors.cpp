#include "qtsc/sync/errors.hpp"

namespace qtsc::sync {

RollbackError::RollbackError(long long offeredVersion, long long highestSeenVersion)
    : VerificationError("the server offers content version " + std::to_string(offeredVersion) +
                        " but this kiosk has already seen version " + std::to_string(highestSeenVersion) +
                        "; an older version is refused (replayed or rolled-back publication)"),
      offered(offeredVersion),
      highestSeen(highestSeenVersion) {}

DownloadError::DownloadError(const std::string& what, long status, std::optional<std::chrono::seconds> after)
    : SyncError(what), httpStatus(status), retryAfter(after) {}

DiskSpaceError::DiskSpaceError(unsigned long long need, unsigned long long have)
    : SyncError("not enough free disk: the update needs " + std::to_string(need / 1024) + " KiB, " +
                std::to_string(have / 1024) + " KiB are free on the content folder's disk"),
      needed(need),
      available(have) {}

}  // namespace qtsc::sync
