#pragma once
// A Transport that plays a Docker daemon from the recorded API 1.41 answers in tests/data/api-1.41, with as
// many containers as asked (copies of recorded ones under new ids) and an optional latency per round trip,
// so fleet logic and the fleet benchmark run without real daemons. `down` makes every request fail like a
// daemon that is not running.
#include "core/common/Strings.h"
#include "core/docker/Transport.h"
#include "tests/support/TestSupport.h"

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace drydock::test {

class ScriptedDaemon final : public Transport
{
public:
    struct Options
    {
        int containers = 5;
        int latencyMs = 0; // per round trip; requests of one sendAll run together in batches of 32
        bool down = false;
        std::string name = "scripted";
        std::string versionFile = "version"; // tests/data/api-1.41/<versionFile>.json answers /version
        std::string infoFile = "info";       // and <infoFile>.json answers /info
    };

    explicit ScriptedDaemon(Options options) : m_options(std::move(options))
    {
        m_files["version"] = read(test::dataDir() + "/api-1.41/" + m_options.versionFile + ".json");
        m_files["info"] = read(test::dataDir() + "/api-1.41/" + m_options.infoFile + ".json");
        for (const char* f : {"images-list", "image-busybox", "history-busybox",
                              "networks-list", "network-appnet", "volumes", "plugins", "container-plain",
                              "container-priv", "container-webapp", "changes", "exec-plain"}) {
            m_files[f] = read(test::dataDir() + "/api-1.41/" + f + ".json");
        }
    }

    Result<HttpResponse> send(const HttpRequest& request) override
    {
        pause(1);
        return answer(request);
    }

    std::vector<Result<HttpResponse>> sendAll(const std::vector<HttpRequest>& requests) override
    {
        pause(static_cast<int>((requests.size() + 31) / 32));
        std::vector<Result<HttpResponse>> out;
        out.reserve(requests.size());
        for (const auto& r : requests) {
            out.push_back(answer(r));
        }
        return out;
    }

    Result<void> stream(const HttpRequest&, const std::function<bool(std::string_view)>&,
                        const CancelToken&) override
    {
        return success();
    }

    std::string describe() const override { return "scripted://" + m_options.name; }
    int requests() const { return m_requests; }

private:
    static std::string read(const std::string& path)
    {
        std::ifstream in(path);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }

    void pause(int roundTrips) const
    {
        if (m_options.latencyMs > 0 && !m_options.down) {
            std::this_thread::sleep_for(std::chrono::milliseconds(m_options.latencyMs * roundTrips));
        }
    }

    static std::string containerId(int i)
    {
        char buffer[72];
        std::snprintf(buffer, sizeof buffer, "%064d", i + 1);
        return buffer;
    }

    HttpResponse ok(std::string body) const
    {
        HttpResponse r;
        r.status = 200;
        r.headers["api-version"] = "1.41";
        r.headers["content-type"] = "application/json";
        r.body = std::move(body);
        return r;
    }

    Result<HttpResponse> answer(const HttpRequest& request)
    {
        ++m_requests;
        if (m_options.down) {
            return Error::make(ErrorCode::DaemonUnreachable, "Cannot connect to the Docker daemon at " +
                                                                 describe() + " — is dockerd running?");
        }
        std::string path = request.path;
        if (startsWith(path, "/v1.")) {
            path = path.substr(path.find('/', 1));
        }
        const std::string bare = path.substr(0, path.find('?'));
        if (bare == "/_ping") {
            return ok("OK");
        }
        if (bare == "/version" || bare == "/info") {
            return ok(m_files[bare.substr(1)]);
        }
        if (bare == "/containers/json") {
            std::string list = "[";
            for (int i = 0; i < m_options.containers; ++i) {
                list += (i ? "," : "") + std::string("{\"Id\":\"") + containerId(i) + "\"}";
            }
            return ok(list + "]");
        }
        if (startsWith(bare, "/containers/") && endsWith(bare, "/json")) {
            const std::string id = bare.substr(12, bare.size() - 12 - 5);
            const int n = std::atoi(id.c_str());
            static const char* kinds[] = {"container-plain", "container-priv", "container-webapp"};
            std::string body = m_files[kinds[n % 3]];
            // New identity for each copy: replace the first "Id" and the name.
            const auto idAt = body.find("\"Id\"");
            if (idAt != std::string::npos) {
                const auto open = body.find('"', body.find(':', idAt) + 1);
                const auto close = body.find('"', open + 1);
                body.replace(open + 1, close - open - 1, id);
            }
            const auto nameAt = body.find("\"Name\"");
            if (nameAt != std::string::npos) {
                const auto open = body.find('"', body.find(':', nameAt) + 1);
                const auto close = body.find('"', open + 1);
                body.replace(open + 1, close - open - 1, "/" + m_options.name + "-c" + std::to_string(n));
            }
            return ok(body);
        }
        if (startsWith(bare, "/containers/") && endsWith(bare, "/changes")) {
            return ok(m_files["changes"]);
        }
        if (startsWith(bare, "/exec/")) {
            return ok(m_files["exec-plain"]);
        }
        if (bare == "/images/json") {
            return ok(m_files["images-list"]);
        }
        if (startsWith(bare, "/images/") && endsWith(bare, "/history")) {
            return ok(m_files["history-busybox"]);
        }
        if (startsWith(bare, "/images/")) {
            return ok(m_files["image-busybox"]);
        }
        if (bare == "/networks") {
            return ok(m_files["networks-list"]);
        }
        if (startsWith(bare, "/networks/")) {
            return ok(m_files["network-appnet"]);
        }
        if (bare == "/volumes") {
            return ok(m_files["volumes"]);
        }
        if (bare == "/plugins") {
            return ok(m_files["plugins"]);
        }
        HttpResponse missing;
        missing.status = 404;
        missing.body = "{\"message\":\"page not found\"}";
        return missing;
    }

    Options m_options;
    std::map<std::string, std::string> m_files;
    std::atomic<int> m_requests{0};
};

} // namespace drydock::test
