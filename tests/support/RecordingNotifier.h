#pragma once
#include "ui/AlertNotifier.h"

#include <vector>

namespace drydock::test {

// The notifier tests inject into the window: records each notification (with its Show and Mute) and whether
// the tray would be shown; says the window may hide, as a desktop with a tray does.
class RecordingNotifier : public ui::AlertNotifier
{
public:
    // A notification as the user would have seen it.
    struct Shown
    {
        Alert alert;
        ui::AlertActions actions;
    };

    bool canRunInBackground() const override { return true; }
    void setWatching(bool on, const ui::TrayActions& actions) override
    {
        watching = on;
        tray = actions;
    }
    void notify(const Alert& alert, const ui::AlertActions& actions) override
    {
        shown.push_back({alert, actions});
    }

    bool watching = false;
    ui::TrayActions tray;
    std::vector<Shown> shown;
};

// A factory for MainWindowServices::alertNotifier that hands the window a recorder and keeps a pointer to it
// in *recorder (the window owns it).
inline ui::AlertNotifierFactory recordingNotifier(RecordingNotifier** recorder)
{
    return [recorder](QWidget*) -> std::unique_ptr<ui::AlertNotifier> {
        auto n = std::make_unique<RecordingNotifier>();
        *recorder = n.get();
        return n;
    };
}

} // namespace drydock::test
