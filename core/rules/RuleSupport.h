#pragma once
#include "core/model/Inventory.h"
#include "core/rules/FindingCollector.h"
#include "core/rules/Rule.h"
#include "core/rules/RuleContext.h"

namespace drydock {

ObjectRef refOf(const Container& container);
ObjectRef refOf(const Image& image);
ObjectRef refOf(const Network& network);
ObjectRef refOf(const Volume& volume);
ObjectRef refOf(const Plugin& plugin);
ObjectRef refOf(const SwarmService& service);
ObjectRef refOf(const SwarmNode& node);
ObjectRef refOf(const SwarmSecret& secret);
ObjectRef refOf(const SwarmConfig& config);
ObjectRef daemonRef(const Inventory& inventory);
ObjectRef swarmRef(const Inventory& inventory);

// A rule whose text is a RuleInfo value given at construction.
class BasicRule : public Rule
{
public:
    explicit BasicRule(RuleInfo info) : m_info(std::move(info)) {}
    const RuleInfo& info() const override { return m_info; }

private:
    RuleInfo m_info;
};

// A rule that looks at each container on its own.
class ContainerRule : public BasicRule
{
public:
    using BasicRule::BasicRule;
    void evaluate(const RuleContext& context, FindingCollector& out) const final;

protected:
    virtual void check(const RuleContext& context, const Container& container, FindingCollector& out) const = 0;
};

// A rule that looks at each image on its own.
class ImageRule : public BasicRule
{
public:
    using BasicRule::BasicRule;
    void evaluate(const RuleContext& context, FindingCollector& out) const final;

protected:
    virtual void check(const RuleContext& context, const Image& image, FindingCollector& out) const = 0;
};

// A rule that looks at each network on its own.
class NetworkRule : public BasicRule
{
public:
    using BasicRule::BasicRule;
    void evaluate(const RuleContext& context, FindingCollector& out) const final;

protected:
    virtual void check(const RuleContext& context, const Network& network, FindingCollector& out) const = 0;
};

// CIS Docker Benchmark reference with the version every id in this catalogue comes from.
inline CisReference cis(const char* id) { return CisReference{id, id[0] ? "1.6.0" : ""}; }

} // namespace drydock
