#include "core/report/CheckTextReport.h"

#include "core/common/Strings.h"

#include <algorithm>
#include <array>
#include <sstream>

namespace drydock {

namespace {

std::string clean(std::string_view text, std::size_t maxBytes = 160) { return terminalText(text, maxBytes); }

// "high    ": the severity's own name, padded so the rule ids line up.
std::string severityWord(Severity s)
{
    std::string word = toString(s);
    word.resize(std::max<std::size_t>(word.size(), 8), ' ');
    return word;
}

bool byPlace(const Finding* a, const Finding* b)
{
    const int la = a->location ? a->location->line : 0;
    const int lb = b->location ? b->location->line : 0;
    if (la != lb) {
        return la < lb;
    }
    const int ca = a->location ? a->location->column : 0;
    const int cb = b->location ? b->location->column : 0;
    if (ca != cb) {
        return ca < cb;
    }
    if (a->severity != b->severity) {
        return a->severity > b->severity;
    }
    return a->ruleId < b->ruleId;
}

} // namespace

std::string checkTextReport(const ProjectReview& review, bool verbose, CisVersion cis)
{
    std::ostringstream out;
    std::array<int, severityCount> counts{};
    int total = 0;
    int fixable = 0;
    for (const auto& file : review.files) {
        if (file.error) {
            // The message often starts with the path already ("compose.yaml: line 3, column 1: …").
            std::string_view message = file.error->message;
            if (message.rfind(file.path + ": ", 0) == 0) {
                message.remove_prefix(file.path.size() + 2);
            }
            out << clean(file.path, 400) << ": error: " << clean(message, 600) << "\n";
            continue;
        }
        std::vector<const Finding*> findings;
        for (const auto& f : file.findings) {
            findings.push_back(&f);
        }
        std::stable_sort(findings.begin(), findings.end(), byPlace);
        for (const Finding* f : findings) {
            const std::string where = f->location ? clean(f->location->file, 400) + ":" +
                                                        std::to_string(f->location->line) + ":" +
                                                        std::to_string(f->location->column)
                                                  : clean(file.path, 400);
            out << where << "  " << severityWord(f->severity) << " " << f->ruleId << "  " << clean(f->title, 120);
            if (f->object.type == ObjectType::Container && !f->object.name.empty()) {
                out << "  (service " << clean(f->object.name, 80) << ")";
            }
            out << "\n";
            if (verbose) {
                out << "      evidence: " << clean(f->evidence, 300) << "\n";
                if (const CisReference ref = translateCis(f->cis, cis); !ref.id.empty()) {
                    out << "      CIS Docker Benchmark " << ref.version << " " << ref.id << "\n";
                }
                out << "      fix: " << clean(f->fix, 400) << "\n";
            }
            if (!f->waiver) {
                ++counts[static_cast<std::size_t>(f->severity)];
                ++total;
            }
        }
        for (const auto& note : file.notes) {
            out << clean(file.path, 400) << ": note: " << clean(note, 400) << "\n";
        }
        fixable += file.fixedText ? 1 : 0;
    }
    for (const auto& note : review.notes) {
        out << "note: " << clean(note, 400) << "\n";
    }
    out << "\n"
        << review.files.size() << (review.files.size() == 1 ? " file" : " files") << " checked, " << total
        << (total == 1 ? " finding" : " findings") << " (critical " << counts[4] << ", high " << counts[3]
        << ", medium " << counts[2] << ", low " << counts[1] << ", info " << counts[0] << ")";
    if (review.errorCount() > 0) {
        out << ", " << review.errorCount() << " could not be read";
    }
    out << ".\n";
    if (fixable > 0) {
        out << fixable << (fixable == 1 ? " file has" : " files have")
            << " a fix: `drydock check --diff` shows it, `drydock check --fix` writes it (with a backup).\n";
    }
    return out.str();
}

} // namespace drydock
