#pragma once
// A base for test daemons that answer one request at a time.
#include "core/docker/Transport.h"

namespace drydock::test {

// A Transport for tests whose subclass only answers send(): sendAll sends each request in turn, a stream ends
// at once.
class SequentialTransport : public Transport
{
public:
    std::vector<Result<HttpResponse>> sendAll(const std::vector<HttpRequest>& requests) override
    {
        std::vector<Result<HttpResponse>> out;
        for (const auto& r : requests) {
            out.push_back(send(r));
        }
        return out;
    }
    Result<void> stream(const HttpRequest&, const std::function<bool(std::string_view)>&,
                        const CancelToken&) override
    {
        return success();
    }
    std::string describe() const override { return "test"; }
};

} // namespace drydock::test
