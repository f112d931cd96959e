#include "core/store/AlertRepository.h"

#include "core/common/Strings.h"

namespace drydock {

Result<std::int64_t> AlertRepository::add(const Alert& a)
{
    auto q = m_db.prepare("INSERT INTO alerts (at, endpoint, object_type, object_id, object_name, rule_ids, "
                          "severity, sentence) "
                          "VALUES (?,?,?,?,?,?,?,?)");
    if (!q) {
        return q.error();
    }
    q->bind(1, a.atUnix)
        .bind(2, a.endpoint)
        .bind(3, std::string(toString(a.object.type)))
        .bind(4, a.object.id)
        .bind(5, a.object.name)
        .bind(6, join(a.ruleIds, ","))
        .bind(7, std::string(toString(a.severity)))
        .bind(8, a.sentence);
    if (auto r = q->run(); !r) {
        return r.error();
    }
    return m_db.lastInsertId();
}

Result<std::vector<Alert>> AlertRepository::list(std::int64_t sinceUnix, const std::string& endpoint,
                                                 int limit)
{
    auto q = m_db.prepare("SELECT id, at, endpoint, object_type, object_id, object_name, rule_ids, severity, "
                          "sentence FROM alerts "
                          "WHERE at >= ?1 AND (?2 = '' OR endpoint = ?2) ORDER BY at DESC, id DESC LIMIT ?3");
    if (!q) {
        return q.error();
    }
    q->bind(1, sinceUnix).bind(2, endpoint).bind(3, limit);
    std::vector<Alert> out;
    while (q->step()) {
        Alert a;
        a.id = q->int64(0);
        a.atUnix = q->int64(1);
        a.endpoint = q->text(2);
        a.object.type = objectTypeFromString(q->text(3)).value_or(ObjectType::Container);
        a.object.id = q->text(4);
        a.object.name = q->text(5);
        const std::string rules = q->text(6);
        a.ruleIds = rules.empty() ? std::vector<std::string>{} : split(rules, ',');
        a.severity = severityFromString(q->text(7)).value_or(Severity::Info);
        a.sentence = q->text(8);
        out.push_back(std::move(a));
    }
    if (q->error()) {
        return *q->error();
    }
    return std::vector<Alert>(out.rbegin(), out.rend());
}

} // namespace drydock
