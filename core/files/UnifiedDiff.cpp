#include "core/files/UnifiedDiff.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace drydock {

namespace {

// Past this many differing lines the diff is one hunk for the whole file (keeps Myers' D² memory bounded).
constexpr int kMaxEditDistance = 2000;

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back(text.substr(start)); // the last line has no newline
            break;
        }
        lines.push_back(text.substr(start, end - start + 1));
        start = end + 1;
    }
    return lines;
}

// One line of the edit script: kept, removed from before, or added from after.
struct ScriptLine
{
    char op; // ' ', '-', '+'
    std::string_view text;
};

// Myers' O((N+M)·D) greedy diff, keeping each round's frontier to walk the path back.
std::vector<ScriptLine> editScript(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b)
{
    const int n = static_cast<int>(a.size());
    const int m = static_cast<int>(b.size());
    const int max = std::min(n + m, kMaxEditDistance);
    const int offset = max + 1;
    std::vector<int> v(static_cast<std::size_t>(2 * max + 3), 0);
    std::vector<std::vector<int>> trace;
    bool found = false;
    for (int d = 0; d <= max && !found; ++d) {
        trace.push_back(v);
        for (int k = -d; k <= d; k += 2) {
            int x;
            if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
                x = v[offset + k + 1];
            } else {
                x = v[offset + k - 1] + 1;
            }
            int y = x - k;
            while (x < n && y < m && a[x] == b[y]) {
                ++x;
                ++y;
            }
            v[offset + k] = x;
            if (x >= n && y >= m) {
                found = true;
                break;
            }
        }
    }
    std::vector<ScriptLine> script;
    if (!found) {
        for (const auto& line : a) {
            script.push_back({'-', line});
        }
        for (const auto& line : b) {
            script.push_back({'+', line});
        }
        return script;
    }
    int x = n;
    int y = m;
    for (int d = static_cast<int>(trace.size()) - 1; d >= 0; --d) {
        const std::vector<int>& vd = trace[static_cast<std::size_t>(d)];
        const int k = x - y;
        int prevK;
        if (k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1])) {
            prevK = k + 1;
        } else {
            prevK = k - 1;
        }
        const int prevX = vd[offset + prevK];
        const int prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
            script.push_back({' ', a[static_cast<std::size_t>(--x)]});
            --y;
        }
        if (d > 0) {
            if (x == prevX) {
                script.push_back({'+', b[static_cast<std::size_t>(--y)]});
            } else {
                script.push_back({'-', a[static_cast<std::size_t>(--x)]});
            }
        }
    }
    std::reverse(script.begin(), script.end());
    return script;
}

void appendLine(std::string& out, char op, std::string_view text)
{
    out += op;
    out.append(text);
    if (text.empty() || text.back() != '\n') {
        out += "\n\\ No newline at end of file\n";
    }
}

// "a/PATH" as GNU patch and git apply read it back. A name with a control character, a quote or a backslash
// is written quoted with C escapes, as git writes it: a folder named "x\n+++ b/../../etc/passwd" must not
// turn into a header of its own and send the patch elsewhere. A name with a space gets a tab after it, as git
// does, or patch(1) stops the name at the space.
std::string headerName(std::string_view side, std::string_view path)
{
    const bool quote = std::any_of(path.begin(), path.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '"' || c == '\\';
    });
    if (!quote) {
        const std::string name = std::string(side) + std::string(path);
        return path.find(' ') == std::string_view::npos ? name : name + "\t";
    }
    std::string out = "\"" + std::string(side);
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20 || u == 0x7f) {
                const char octal[] = {'\\', static_cast<char>('0' + (u >> 6)),
                                      static_cast<char>('0' + ((u >> 3) & 7)),
                                      static_cast<char>('0' + (u & 7)), '\0'};
                out += octal;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

std::string range(int start, int count)
{
    // diff -u writes "start,count", "start" alone for one line, and the line before an empty range.
    if (count == 1) {
        return std::to_string(start);
    }
    return std::to_string(count == 0 ? start - 1 : start) + "," + std::to_string(count);
}

} // namespace

std::string unifiedDiff(std::string_view before, std::string_view after, const std::string& path, int context)
{
    if (before == after) {
        return {};
    }
    const auto a = splitLines(before);
    const auto b = splitLines(after);
    const auto script = editScript(a, b);
    std::string out = "--- " + headerName("a/", path) + "\n+++ " + headerName("b/", path) + "\n";
    const int total = static_cast<int>(script.size());
    int i = 0;
    int counted = 0; // script lines before this one are in lineA/lineB
    int lineA = 1;
    int lineB = 1;
    while (i < total) {
        // the next change
        int first = i;
        while (first < total && script[static_cast<std::size_t>(first)].op == ' ') {
            ++first;
        }
        if (first == total) {
            break;
        }
        // extend the hunk while changes are within 2·context lines of each other
        int last = first;
        int j = first;
        while (j < total) {
            if (script[static_cast<std::size_t>(j)].op != ' ') {
                last = j;
                ++j;
                continue;
            }
            int run = j;
            while (run < total && script[static_cast<std::size_t>(run)].op == ' ') {
                ++run;
            }
            if (run == total || run - j > 2 * context) {
                break;
            }
            j = run;
        }
        const int start = std::max(i, first - context);
        const int end = std::min(total, last + 1 + context);
        // line numbers at the hunk's start, counted on from the previous hunk's end
        for (; counted < start; ++counted) {
            const char op = script[static_cast<std::size_t>(counted)].op;
            lineA += op != '+' ? 1 : 0;
            lineB += op != '-' ? 1 : 0;
        }
        int countA = 0;
        int countB = 0;
        std::string body;
        for (int s = start; s < end; ++s) {
            const ScriptLine& line = script[static_cast<std::size_t>(s)];
            countA += line.op != '+' ? 1 : 0;
            countB += line.op != '-' ? 1 : 0;
            appendLine(body, line.op, line.text);
        }
        out += "@@ -" + range(lineA, countA) + " +" + range(lineB, countB) + " @@\n" + body;
        lineA += countA;
        lineB += countB;
        counted = end;
        i = end;
    }
    return out;
}

std::vector<DiffLine> diffLines(std::string_view before, std::string_view after)
{
    const auto script = editScript(splitLines(before), splitLines(after));
    std::vector<DiffLine> out;
    out.reserve(script.size());
    int lineA = 0;
    int lineB = 0;
    for (const ScriptLine& line : script) {
        DiffLine row;
        row.text = std::string(line.text.substr(0, line.text.size() - (line.text.ends_with('\n') ? 1 : 0)));
        if (line.op == '-') {
            row.op = DiffLine::Op::Removed;
            row.beforeLine = ++lineA;
        } else if (line.op == '+') {
            row.op = DiffLine::Op::Added;
            row.afterLine = ++lineB;
        } else {
            row.beforeLine = ++lineA;
            row.afterLine = ++lineB;
        }
        out.push_back(std::move(row));
    }
    return out;
}

} // namespace drydock
