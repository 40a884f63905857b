// Login throttling: failed sign-ins make the next attempt wait, longer with each failure.
//
// Three records, each counting failures and holding a wait:
//   the name            every address: guessing one account from many places is slowed
//   the name at an address   the person's own mistakes from where they sit
//   the address         any names: a source spraying names is slowed
// A sign-in never inherits another person's penalty: the address's wait only holds names
// that have failed themselves, and a name that signed in from an address before keeps
// signing in from there while strangers elsewhere fail under that name.
//
// begin() checks and counts in one step under one lock: each attempt counts as a failure
// before the password is checked and success takes it back, so ten attempts at once are ten
// attempts, not ten first tries. The clock is injected so tests need not wait.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace qtsc::hub {

struct LoginThrottleSettings {
  int freeFailures = 3;                               // failures before waiting starts
  std::chrono::milliseconds delayBase{2000};          // first wait; doubles with each further failure
  std::chrono::milliseconds delayCap{15 * 60 * 1000}; // longest wait
  std::chrono::hours forgetAfter{24};                 // a record with no failure for this long is dropped
  std::chrono::hours knownFor{24 * 30};               // a name stays known at an address after a sign-in
  std::size_t maxRecords = 50000;                     // records kept; beyond, the idle ones are dropped
};

class LoginThrottle {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  explicit LoginThrottle(LoginThrottleSettings settings, Clock clock = {});

  struct Decision {
    bool allowed = true;
    long long retryAfterSeconds = 0;  // when refused: rounded up, never inviting an early retry
  };
  // Whether `name` may try from `address` now; if so, the attempt is counted already.
  Decision begin(const std::string& name, const std::string& address);
  // The attempt begun was right: the name's failures are forgotten, and it is known here.
  void succeeded(const std::string& name, const std::string& address);
  // The attempt begun was wrong: the address counts it too.
  void failed(const std::string& name, const std::string& address);
  // The attempt begun was not checked (the server was busy): it does not count.
  void cancelled(const std::string& name, const std::string& address);

 private:
  struct Record {
    int failures = 0;
    std::chrono::steady_clock::time_point lockedUntil{};
    std::chrono::steady_clock::time_point lastFailure{};
  };
  std::chrono::steady_clock::time_point now() const;
  Record& record(const std::string& key, std::chrono::steady_clock::time_point now);
  void count(Record& r, std::chrono::steady_clock::time_point now) const;
  void uncount(const std::string& key);
  long long waitSeconds(const std::string& key, std::chrono::steady_clock::time_point now) const;
  void prune(std::chrono::steady_clock::time_point now);

  LoginThrottleSettings settings_;
  Clock clock_;
  std::mutex mutex_;
  std::map<std::string, Record> records_;                                  // "n:NAME", "p:NAME@ADDR", "a:ADDR"
  std::map<std::string, std::chrono::steady_clock::time_point> known_;     // "NAME@ADDR" -> last sign-in
};

}  // namespace qtsc::hub
