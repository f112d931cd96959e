#include "core/store/WaiverRepository.h"

#include "core/common/Strings.h"

namespace drydock {

Result<void> WaiverRepository::validate(const Waiver& w)
{
    if (trim(w.reason).empty()) {
        return Error::make(ErrorCode::InvalidArgument, "A waiver needs a reason: say why this risk is accepted.");
    }
    if (trim(w.ruleId).empty()) {
        return Error::make(ErrorCode::InvalidArgument, "A waiver needs a rule id (for example CTR-004), or * for all rules.");
    }
    if (w.scope != Waiver::Scope::Rule && trim(w.objectPattern).empty()) {
        return Error::make(ErrorCode::InvalidArgument,
                           "An object or pattern waiver needs the object's name or a name pattern such as web-*.");
    }
    if (w.scope == Waiver::Scope::Rule && w.ruleId == "*") {
        return Error::make(ErrorCode::InvalidArgument,
                           "Waiving every rule everywhere would hide all findings; name a rule or an object.");
    }
    return success();
}

Result<std::int64_t> WaiverRepository::add(Waiver w)
{
    if (auto v = validate(w); !v) {
        return v.error();
    }
    auto q = m_db.prepare("INSERT INTO waivers (scope, rule_id, object_pattern, reason, author, created_at, expires_at, "
                          "endpoint) VALUES (?,?,?,?,?,?,?,?)");
    if (!q) {
        return q.error();
    }
    q->bind(1, std::string(toString(w.scope)))
        .bind(2, w.ruleId)
        .bind(3, w.objectPattern)
        .bind(4, w.reason)
        .bind(5, w.author)
        .bind(6, w.createdAtUnix)
        .bindOptional(7, w.expiresAtUnix)
        .bind(8, w.endpoint);
    if (auto r = q->run(); !r) {
        return r.error();
    }
    return m_db.lastInsertId();
}

Result<std::vector<Waiver>> WaiverRepository::list()
{
    auto q = m_db.prepare("SELECT id, scope, rule_id, object_pattern, reason, author, created_at, expires_at, endpoint "
                          "FROM waivers ORDER BY id");
    if (!q) {
        return q.error();
    }
    std::vector<Waiver> out;
    while (q->step()) {
        Waiver w;
        w.id = q->int64(0);
        w.scope = waiverScopeFromString(q->text(1)).value_or(Waiver::Scope::Object);
        w.ruleId = q->text(2);
        w.objectPattern = q->text(3);
        w.reason = q->text(4);
        w.author = q->text(5);
        w.createdAtUnix = q->int64(6);
        if (!q->isNull(7)) {
            w.expiresAtUnix = q->int64(7);
        }
        w.endpoint = q->text(8);
        out.push_back(std::move(w));
    }
    if (q->error()) {
        return *q->error();
    }
    return out;
}

Result<void> WaiverRepository::remove(std::int64_t id)
{
    auto q = m_db.prepare("DELETE FROM waivers WHERE id = ?");
    if (!q) {
        return q.error();
    }
    if (auto r = q->bind(1, id).run(); !r) {
        return r.error();
    }
    if (m_db.changes() == 0) {
        return Error::make(ErrorCode::NotFound, "There is no waiver " + std::to_string(id) + ".");
    }
    return success();
}

Result<int> WaiverRepository::importAll(const std::vector<Waiver>& waivers)
{
    for (const auto& w : waivers) {
        if (auto v = validate(w); !v) {
            return v.error(); // nothing imported when one entry is bad
        }
    }
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto existing = list();
    if (!existing) {
        return existing.error();
    }
    int added = 0;
    for (const auto& w : waivers) {
        bool present = false;
        for (const auto& e : existing.value()) {
            present = present || (e.scope == w.scope && e.ruleId == w.ruleId && e.objectPattern == w.objectPattern &&
                                  e.endpoint == w.endpoint);
        }
        if (!present) {
            auto id = add(w);
            if (!id) {
                return id.error();
            }
            ++added;
        }
    }
    if (auto r = tx->commit(); !r) {
        return r.error();
    }
    return added;
}

} // namespace drydock
