// OutboxRepo through Store/Tx: queueing, leasing due messages to one worker,
// and recording what became of each.
//
// ClaimDue() looks at every pending row of the shared database, so a claim may
// also return (and lease) rows of other tests or earlier runs that are due by
// then. Each test therefore places its rows at its own UniqueEpoch() and
// asserts only on them (Mine()); it leaves them sent or failed, so that later
// claims meet as few leftovers as possible.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <latch>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::OutgoingMail;

constexpr Micros kLease = 5 * kMicrosPerMinute;  // well under a day (UniqueEpoch spacing)

// A message to a recipient no other test uses, due at `due`.
OutgoingMail AMail(Micros due) {
  OutgoingMail mail;
  mail.to = Unique("penerima") + "@bangkalan.test";
  mail.subject = "Atur ulang kata sandi SPSE / Reset your SPSE password";
  mail.body = "Yth. Pengguna,\n\nTautan: https://spse.test/akun/reset?token=abc\n\n-- \nLPSE";
  mail.created_at = due - kMicrosPerMinute;
  mail.next_attempt_at = due;
  return mail;
}

StatusOr<std::int64_t> Enqueue(const OutgoingMail& mail) {
  return InWriteTx([&](app::Tx& tx) { return tx.outbox().Enqueue(mail); });
}

// One ClaimDue() in its own committed transaction.
StatusOr<std::vector<OutgoingMail>> Claim(Micros now, int limit) {
  return InWriteTx([&](app::Tx& tx) { return tx.outbox().ClaimDue(now, kLease, limit); });
}

// Claims until nothing more is due at `now`: every row due then, leased.
StatusOr<std::vector<OutgoingMail>> ClaimAll(Micros now) {
  std::vector<OutgoingMail> all;
  for (int round = 0; round < 1000; ++round) {
    auto batch = Claim(now, 50);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) return all;
    all.insert(all.end(), batch->begin(), batch->end());
  }
  return Internal("outbox.test_never_drained");
}

// The rows among `claimed` with one of these ids, in the claimed order.
std::vector<OutgoingMail> Mine(const std::vector<OutgoingMail>& claimed,
                               const std::vector<std::int64_t>& ids) {
  std::vector<OutgoingMail> mine;
  for (const OutgoingMail& mail : claimed) {
    if (std::find(ids.begin(), ids.end(), mail.id) != ids.end()) mine.push_back(mail);
  }
  return mine;
}

std::vector<std::int64_t> IdsOf(const std::vector<OutgoingMail>& mails) {
  std::vector<std::int64_t> ids;
  for (const OutgoingMail& mail : mails) ids.push_back(mail.id);
  return ids;
}

Status MarkSent(std::int64_t id, Micros now) {
  return InWriteTx([&](app::Tx& tx) { return tx.outbox().MarkSent(id, now); });
}

Status MarkFailed(std::int64_t id, int attempts, Micros next, bool give_up,
                  const std::string& error) {
  return InWriteTx([&](app::Tx& tx) {
    return tx.outbox().MarkFailedAttempt(id, attempts, next, give_up, error);
  });
}

// Leaves the test's rows out of later claims.
void Finish(const std::vector<std::int64_t>& ids, Micros now) {
  for (std::int64_t id : ids) EXPECT_OK(MarkSent(id, now));
}

TEST(Outbox, EnqueueGivesDistinctIds) {
  const Micros t = UniqueEpoch();
  ASSERT_OK_AND_ASSIGN(const std::int64_t first, Enqueue(AMail(t)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t second, Enqueue(AMail(t)));
  EXPECT_GT(first, 0);
  EXPECT_GT(second, 0);
  EXPECT_NE(first, second);
  Finish({first, second}, t);
}

TEST(Outbox, AClaimedMessageComesBackWithEveryField) {
  const Micros t = UniqueEpoch();
  OutgoingMail mail = AMail(t);
  mail.subject = "Kata sandi SPSE Anda telah diganti — é ü 日本";
  mail.body = "Baris satu\nBaris dua: ü é — 日本語\n\nLine three\r\nend";
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Enqueue(mail));

  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> claimed, ClaimAll(t));
  const std::vector<OutgoingMail> mine = Mine(claimed, {id});
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, id);
  EXPECT_EQ(mine[0].to, mail.to);
  EXPECT_EQ(mine[0].subject, mail.subject);
  EXPECT_EQ(mine[0].body, mail.body);
  EXPECT_EQ(mine[0].created_at, t - kMicrosPerMinute);
  EXPECT_EQ(mine[0].next_attempt_at, t);  // as it was when claimed
  EXPECT_EQ(mine[0].attempts, 0);
  Finish({id}, t);
}

TEST(Outbox, AMessageNotYetDueIsNotClaimed) {
  const Micros t = UniqueEpoch();
  ASSERT_OK_AND_ASSIGN(const std::int64_t due, Enqueue(AMail(t)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t later, Enqueue(AMail(t + 1)));

  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> at_t, ClaimAll(t));
  EXPECT_EQ(IdsOf(Mine(at_t, {due, later})), std::vector<std::int64_t>{due});

  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> a_moment_later, ClaimAll(t + 1));
  EXPECT_EQ(IdsOf(Mine(a_moment_later, {due, later})), std::vector<std::int64_t>{later});
  Finish({due, later}, t + 1);
}

TEST(Outbox, ClaimsTheOldestFirstAndAtMostTheLimit) {
  const Micros t = UniqueEpoch();
  // Queued newest first, so the id order is the reverse of the due order;
  // the last two are due at the same moment (then the id decides).
  ASSERT_OK_AND_ASSIGN(const std::int64_t third, Enqueue(AMail(t - 1)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t second, Enqueue(AMail(t - 2)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t first, Enqueue(AMail(t - 3)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t fourth, Enqueue(AMail(t)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t fifth, Enqueue(AMail(t)));
  const std::vector<std::int64_t> ids = {first, second, third, fourth, fifth};

  // Rows of others due earlier may come first; ours follow in due order.
  std::vector<OutgoingMail> claimed;
  for (int round = 0;; ++round) {
    ASSERT_LT(round, 1000) << "claims never ran dry";
    ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> batch, Claim(t, 2));
    if (round == 0) {
      EXPECT_EQ(batch.size(), 2u) << "at least five messages are due";
    }
    ASSERT_LE(batch.size(), 2u);
    if (batch.empty()) break;
    EXPECT_TRUE(std::is_sorted(batch.begin(), batch.end(),
                               [](const OutgoingMail& a, const OutgoingMail& b) {
                                 return a.next_attempt_at < b.next_attempt_at ||
                                        (a.next_attempt_at == b.next_attempt_at && a.id < b.id);
                               }));
    claimed.insert(claimed.end(), batch.begin(), batch.end());
  }
  EXPECT_EQ(IdsOf(Mine(claimed, ids)), ids);
  Finish(ids, t);
}

TEST(Outbox, AClaimedMessageIsNotClaimedAgainWithinTheLease) {
  const Micros t = UniqueEpoch();
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Enqueue(AMail(t)));
  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> first, ClaimAll(t));
  ASSERT_EQ(Mine(first, {id}).size(), 1u);

  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> again, ClaimAll(t));
  EXPECT_TRUE(Mine(again, {id}).empty());
  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> before_expiry, ClaimAll(t + kLease - 1));
  EXPECT_TRUE(Mine(before_expiry, {id}).empty());

  // The worker that leased it never reported back: once the lease runs out,
  // the message is due again.
  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> after_expiry, ClaimAll(t + kLease));
  const std::vector<OutgoingMail> mine = Mine(after_expiry, {id});
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].next_attempt_at, t + kLease);
  EXPECT_EQ(mine[0].attempts, 0);
  Finish({id}, t + kLease);
}

TEST(Outbox, AClaimRolledBackLeavesTheMessageDue) {
  const Micros t = UniqueEpoch();
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Enqueue(AMail(t)));
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<app::Tx> tx, TheStore().Begin(app::Access::kWrite));
    std::vector<OutgoingMail> claimed;
    for (int round = 0; round < 1000; ++round) {
      ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> batch,
                           tx->outbox().ClaimDue(t, kLease, 50));
      if (batch.empty()) break;
      claimed.insert(claimed.end(), batch.begin(), batch.end());
    }
    ASSERT_EQ(Mine(claimed, {id}).size(), 1u);
  }  // destroyed without Commit

  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> claimed, ClaimAll(t));
  EXPECT_EQ(Mine(claimed, {id}).size(), 1u);
  Finish({id}, t);
}

TEST(Outbox, TwoClaimersInSequenceNeverGetTheSameMessage) {
  const Micros t = UniqueEpoch();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 4; ++i) {
    ASSERT_OK_AND_ASSIGN(const std::int64_t id, Enqueue(AMail(t - i)));
    ids.push_back(id);
  }
  // The first worker takes a few; the second, right after, whatever is left.
  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> by_first, Claim(t, 2));
  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> by_second, ClaimAll(t));

  std::multiset<std::int64_t> seen;
  for (const OutgoingMail& mail : by_first) seen.insert(mail.id);
  for (const OutgoingMail& mail : by_second) seen.insert(mail.id);
  for (std::int64_t id : seen) EXPECT_EQ(seen.count(id), 1u) << "message " << id;
  for (std::int64_t id : ids) EXPECT_EQ(seen.count(id), 1u) << "message " << id;
  Finish(ids, t);
}

// With SQLite the second writer waits for the first; with PostgreSQL both
// read the same due rows and the second's lease update finds them moved.
TEST(Outbox, ConcurrentClaimersNeverGetTheSameMessage) {
  constexpr int kThreads = 2;
  constexpr int kMessages = 20;
  const Micros t = UniqueEpoch();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kMessages; ++i) {
    ASSERT_OK_AND_ASSIGN(const std::int64_t id, Enqueue(AMail(t - i)));
    ids.push_back(id);
  }
  std::vector<StatusOr<std::vector<OutgoingMail>>> results(kThreads, std::vector<OutgoingMail>());
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = ClaimAll(t);
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::multiset<std::int64_t> seen;
  for (int i = 0; i < kThreads; ++i) {
    ASSERT_OK(results[i]) << "claimer " << i;
    for (const OutgoingMail& mail : *results[i]) seen.insert(mail.id);
  }
  for (std::int64_t id : seen) EXPECT_EQ(seen.count(id), 1u) << "message " << id;
  for (std::int64_t id : ids) EXPECT_EQ(seen.count(id), 1u) << "message " << id;
  Finish(ids, t);
}

TEST(Outbox, ASentMessageIsNeverClaimedAgain) {
  const Micros t = UniqueEpoch();
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Enqueue(AMail(t)));
  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> claimed, ClaimAll(t));
  ASSERT_EQ(Mine(claimed, {id}).size(), 1u);
  ASSERT_OK(MarkSent(id, t + kMicrosPerSecond));

  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> later, ClaimAll(t + 2 * kLease));
  EXPECT_TRUE(Mine(later, {id}).empty());
}

TEST(Outbox, AFailedAttemptKeepsTheMessagePendingUntilTheNextAttempt) {
  const Micros t = UniqueEpoch();
  const Micros retry_at = t + 2 * kMicrosPerHour;  // beyond the lease
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Enqueue(AMail(t)));
  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> claimed, ClaimAll(t));
  ASSERT_EQ(Mine(claimed, {id}).size(), 1u);
  ASSERT_OK(MarkFailed(id, 1, retry_at, /*give_up=*/false, "451 4.3.0 try again later"));

  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> after_lease, ClaimAll(t + kLease));
  EXPECT_TRUE(Mine(after_lease, {id}).empty());
  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> just_before, ClaimAll(retry_at - 1));
  EXPECT_TRUE(Mine(just_before, {id}).empty());

  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> at_retry, ClaimAll(retry_at));
  const std::vector<OutgoingMail> mine = Mine(at_retry, {id});
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].attempts, 1);
  EXPECT_EQ(mine[0].next_attempt_at, retry_at);
  Finish({id}, retry_at);
}

TEST(Outbox, AMessageGivenUpIsFailedAndNeverClaimedAgain) {
  const Micros t = UniqueEpoch();
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Enqueue(AMail(t)));
  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> claimed, ClaimAll(t));
  ASSERT_EQ(Mine(claimed, {id}).size(), 1u);
  // An error longer than what is kept is accepted (cut short).
  const std::string error = "550 5.1.1 no such user " + std::string(2000, 'x');
  ASSERT_OK(
      MarkFailed(id, domain::kMailMaxAttempts, t + kMicrosPerMinute, /*give_up=*/true, error));

  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> at_next, ClaimAll(t + kMicrosPerMinute));
  EXPECT_TRUE(Mine(at_next, {id}).empty());
  ASSERT_OK_AND_ASSIGN(const std::vector<OutgoingMail> much_later,
                       ClaimAll(t + 12 * kMicrosPerHour));
  EXPECT_TRUE(Mine(much_later, {id}).empty());
}

struct Counts {
  std::int64_t pending = 0;
  std::int64_t sent = 0;
  std::int64_t failed = 0;
};

StatusOr<Counts> CountIn(app::Tx& tx) {
  Counts counts;
  SPSE_ASSIGN_OR_RETURN(counts.pending, tx.outbox().CountByStatus("pending"));
  SPSE_ASSIGN_OR_RETURN(counts.sent, tx.outbox().CountByStatus("sent"));
  SPSE_ASSIGN_OR_RETURN(counts.failed, tx.outbox().CountByStatus("failed"));
  return counts;
}

// In one transaction, so that no other writer's rows change the counts meanwhile.
TEST(Outbox, CountByStatusFollowsEachMessage) {
  const Micros t = UniqueEpoch();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<app::Tx> tx, TheStore().Begin(app::Access::kWrite));
  app::OutboxRepo& outbox = tx->outbox();
  ASSERT_OK_AND_ASSIGN(const Counts before, CountIn(*tx));

  ASSERT_OK_AND_ASSIGN(const std::int64_t to_send, outbox.Enqueue(AMail(t)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t to_fail, outbox.Enqueue(AMail(t)));
  ASSERT_OK_AND_ASSIGN(const Counts queued, CountIn(*tx));
  EXPECT_EQ(queued.pending, before.pending + 2);
  EXPECT_EQ(queued.sent, before.sent);
  EXPECT_EQ(queued.failed, before.failed);

  ASSERT_OK(outbox.MarkFailedAttempt(to_fail, 1, t + kMicrosPerMinute, false, "timeout"));
  ASSERT_OK_AND_ASSIGN(const Counts retrying, CountIn(*tx));
  EXPECT_EQ(retrying.pending, before.pending + 2);
  EXPECT_EQ(retrying.failed, before.failed);

  ASSERT_OK(outbox.MarkSent(to_send, t));
  ASSERT_OK_AND_ASSIGN(const Counts one_sent, CountIn(*tx));
  EXPECT_EQ(one_sent.pending, before.pending + 1);
  EXPECT_EQ(one_sent.sent, before.sent + 1);
  EXPECT_EQ(one_sent.failed, before.failed);

  ASSERT_OK(outbox.MarkFailedAttempt(to_fail, 2, t + 2 * kMicrosPerMinute, true, "550 rejected"));
  ASSERT_OK_AND_ASSIGN(const Counts one_failed, CountIn(*tx));
  EXPECT_EQ(one_failed.pending, before.pending);
  EXPECT_EQ(one_failed.sent, before.sent + 1);
  EXPECT_EQ(one_failed.failed, before.failed + 1);

  ASSERT_OK_AND_ASSIGN(const std::int64_t unknown, outbox.CountByStatus("no-such-status"));
  EXPECT_EQ(unknown, 0);
  ASSERT_OK(tx->Commit());
}

}  // namespace
}  // namespace spse::storage::conformance
