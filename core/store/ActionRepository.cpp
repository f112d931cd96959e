#include "core/store/ActionRepository.h"

namespace drydock {

Result<std::int64_t> ActionRepository::add(const ActionRecord& a)
{
    auto q = m_db.prepare(
        "INSERT INTO actions (endpoint, object_type, object_id, object_name, step, outcome, details, "
        "at) VALUES (?,?,?,?,?,?,?,?)");
    if (!q) {
        return q.error();
    }
    q->bind(1, a.endpoint)
        .bind(2, a.objectType)
        .bind(3, a.objectId)
        .bind(4, a.objectName)
        .bind(5, a.step)
        .bind(6, a.outcome)
        .bind(7, a.details)
        .bind(8, a.atUnix);
    if (auto r = q->run(); !r) {
        return r.error();
    }
    return m_db.lastInsertId();
}

Result<std::vector<ActionRecord>> ActionRepository::list(const std::string& objectName, int limit)
{
    auto q = m_db.prepare(
        "SELECT id, endpoint, object_type, object_id, object_name, step, outcome, details, at FROM "
        "actions WHERE (?1 = '' OR object_name = ?1) ORDER BY id DESC LIMIT ?2");
    if (!q) {
        return q.error();
    }
    q->bind(1, objectName).bind(2, limit);
    std::vector<ActionRecord> out;
    while (q->step()) {
        out.push_back({q->int64(0), q->text(1), q->text(2), q->text(3), q->text(4), q->text(5), q->text(6),
                       q->text(7), q->int64(8)});
    }
    if (q->error()) {
        return *q->error();
    }
    return std::vector<ActionRecord>(out.rbegin(), out.rend());
}

} // namespace drydock
