#pragma once
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace drydock::test {

// Writes ustar archives by hand, byte for byte, so tests can also build archives no well-behaved writer
// would produce: "../" names, absolute names, absurd declared sizes, truncated bodies. Long names use PAX
// extended headers ("path", "linkpath").
class TarBuilder
{
public:
    struct Entry
    {
        std::string name;
        std::string content;
        char type = '0'; // '0' file, '5' directory, '2' symlink, '1' hard link
        unsigned mode = 0644;
        unsigned uid = 0;
        unsigned gid = 0;
        std::string link;
        std::int64_t declaredSize = -1; // header size when it should lie about the content
        std::vector<std::pair<std::string, std::string>> pax; // extra PAX records (e.g. xattrs)
    };

    TarBuilder& file(const std::string& name, const std::string& content, unsigned mode = 0644,
                     unsigned uid = 0)
    {
        return add({name, content, '0', mode, uid, 0, {}, -1, {}});
    }
    TarBuilder& dir(const std::string& name, unsigned mode = 0755, unsigned uid = 0)
    {
        return add({name, {}, '5', mode, uid, 0, {}, -1, {}});
    }
    TarBuilder& symlink(const std::string& name, const std::string& target)
    {
        return add({name, {}, '2', 0777, 0, 0, target, -1, {}});
    }
    TarBuilder& hardlink(const std::string& name, const std::string& target)
    {
        return add({name, {}, '1', 0644, 0, 0, target, -1, {}});
    }
    TarBuilder& add(const Entry& e)
    {
        std::vector<std::pair<std::string, std::string>> pax = e.pax;
        if (e.name.size() > 99) {
            pax.emplace_back("path", e.name);
        }
        if (e.link.size() > 99) {
            pax.emplace_back("linkpath", e.link);
        }
        if (!pax.empty()) {
            std::string records;
            for (const auto& [key, value] : pax) {
                const std::string body = " " + key + "=" + value + "\n";
                std::size_t len = body.size() + 1;
                while (std::to_string(len).size() + body.size() != len) {
                    len = std::to_string(len).size() + body.size();
                }
                records += std::to_string(len) + body;
            }
            header("PaxHeader", 'x', 0644, 0, 0, "", static_cast<std::int64_t>(records.size()));
            body(records);
        }
        header(e.name.substr(0, 99), e.type, e.mode, e.uid, e.gid, e.link.substr(0, 99),
               e.declaredSize >= 0 ? e.declaredSize : static_cast<std::int64_t>(e.content.size()));
        body(e.content);
        return *this;
    }
    // Raw bytes appended as they are (to build truncated or garbage archives).
    TarBuilder& raw(const std::string& bytes)
    {
        m_data += bytes;
        return *this;
    }
    std::string finish(bool endMarker = true) const
    {
        std::string out = m_data;
        if (endMarker) {
            out.append(1024, '\0');
        }
        return out;
    }

private:
    static void octal(char* field, std::size_t width, std::uint64_t value)
    {
        // width - 1 octal digits, zero-padded, then NUL (values that do not fit keep their low digits).
        for (std::size_t i = width - 1; i-- > 0;) {
            field[i] = static_cast<char>('0' + (value & 7));
            value >>= 3;
        }
        field[width - 1] = '\0';
    }
    void header(const std::string& name, char type, unsigned mode, unsigned uid, unsigned gid,
                const std::string& link, std::int64_t size)
    {
        char h[512];
        std::memset(h, 0, sizeof h);
        std::memcpy(h, name.data(), std::min<std::size_t>(name.size(), 100));
        octal(h + 100, 8, mode);
        octal(h + 108, 8, uid);
        octal(h + 116, 8, gid);
        octal(h + 124, 12, static_cast<std::uint64_t>(size));
        octal(h + 136, 12, 1700000000);
        std::memset(h + 148, ' ', 8);
        h[156] = type;
        std::memcpy(h + 157, link.data(), std::min<std::size_t>(link.size(), 100));
        std::memcpy(h + 257, "ustar", 6);
        std::memcpy(h + 263, "00", 2);
        unsigned sum = 0;
        for (unsigned char c : h) {
            sum += c;
        }
        octal(h + 148, 7, sum);
        h[155] = ' ';
        m_data.append(h, sizeof h);
    }
    void body(const std::string& content)
    {
        m_data += content;
        const std::size_t pad = (512 - content.size() % 512) % 512;
        m_data.append(pad, '\0');
    }

    std::string m_data;
};

// A saved image in the legacy layout (docker save, API 1.41): layer dirs first, manifest.json last.
inline std::string legacySavedImage(const std::vector<std::string>& layers, bool manifestFirst = false)
{
    TarBuilder outer;
    std::string manifest = "[{\"Config\":\"cafe.json\",\"RepoTags\":[\"test:1\"],\"Layers\":[";
    std::string diffIds;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        manifest += (i ? "," : "") + std::string("\"l") + std::to_string(i) + "/layer.tar\"";
        diffIds += (i ? "," : "") + std::string("\"sha256:") + std::to_string(i) + "\"";
    }
    manifest += "]}]";
    std::string history;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        history += (i ? "," : "") + std::string("{\"created_by\":\"RUN step ") + std::to_string(i) + "\"}";
    }
    const std::string config =
        "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]},\"history\":[" + history + "]}";
    if (manifestFirst) {
        outer.file("manifest.json", manifest);
    }
    for (std::size_t i = 0; i < layers.size(); ++i) {
        outer.dir("l" + std::to_string(i) + "/");
        outer.file("l" + std::to_string(i) + "/VERSION", "1.0");
        outer.file("l" + std::to_string(i) + "/json", "{}");
        outer.file("l" + std::to_string(i) + "/layer.tar", layers[i]);
    }
    outer.file("cafe.json", config);
    if (!manifestFirst) {
        outer.file("manifest.json", manifest);
    }
    outer.file("repositories", "{}");
    return outer.finish();
}

} // namespace drydock::test
