#pragma once
#include <QPaintDevice>
#include <QRectF>

#include <memory>

class QPainter;

namespace drydock::ui {

// A paint device that draws one page of a QTextDocument onto a real painter (the PDF's), leaving out the text
// that falls outside the page. QTextLayout draws, for a paragraph running over a page break, the last line
// above the clip as well (its first-visible-line search stops one line early); the painter's clip hides it,
// but a PDF keeps it in the page's text, so search, copy and pdftotext found that line on both pages.
//
// Everything else (backgrounds, borders, pictures) is passed on as it is; the target painter keeps its own
// clip. Its metrics are the target device's, so fonts and pictures resolve exactly as they were laid out.
class PageClippedDevice : public QPaintDevice
{
public:
    // target: the painter drawing the page (active for the device's lifetime); keep: the page's body in the
    // target's device coordinates — text whose middle lies outside it is not drawn.
    PageClippedDevice(QPainter& target, const QRectF& keep);
    ~PageClippedDevice() override;
    PageClippedDevice(const PageClippedDevice&) = delete;
    PageClippedDevice& operator=(const PageClippedDevice&) = delete;

    QPaintEngine* paintEngine() const override;
    // Text items left out so far (for tests and curiosity).
    int droppedTextItems() const;

protected:
    int metric(PaintDeviceMetric metric) const override;

private:
    class Engine;
    QPainter& m_target;
    std::unique_ptr<Engine> m_engine;
};

} // namespace drydock::ui
