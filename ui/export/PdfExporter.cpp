#include "ui/export/PdfExporter.h"

#include "core/common/AtomicFileWriter.h"
#include "core/common/Time.h"
#include "core/report/FleetHtmlReport.h"
#include "core/report/HtmlReportWriter.h"
#include "core/results/PostureScore.h"
#include "ui/export/PageClippedDevice.h"
#include "ui/export/ReportCharts.h"

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QThread>

#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace drydock::ui {

namespace {

// One heading of the PDF's table of contents and the page it starts on.
struct TocEntry
{
    QString title;
    int page = 0; // 0-based page within the body
};

QFont reportFont(int pointSize, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"), pointSize);
    f.setBold(bold);
    f.setStyleHint(QFont::SansSerif);
    // Reports are Latin text and commands: skipping HarfBuzz shaping where the font needs none makes
    // laying out thousands of pages markedly faster and changes nothing on the page.
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

std::vector<TocEntry> tableOfContents(QTextDocument& doc, qreal pageHeight)
{
    std::vector<TocEntry> toc;
    auto* layout = doc.documentLayout();
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        if (b.blockFormat().headingLevel() == 2) {
            // The page its first line is drawn on: a heading that does not fit at the foot of a page keeps
            // its block (and top margin) there while Qt moves its lines to the next page.
            qreal y = layout->blockBoundingRect(b).top();
            if (const QTextLayout* lines = b.layout(); lines && lines->lineCount() > 0) {
                y += lines->lineAt(0).y() + lines->lineAt(0).height() / 2;
            }
            toc.push_back({b.text().trimmed(), static_cast<int>(y / pageHeight)});
        }
    }
    return toc;
}

QString tocHtml(const std::vector<TocEntry>& toc, int firstBodyPage)
{
    QString html = QStringLiteral("<h1>Contents</h1><table width=\"100%\" cellpadding=\"1\">");
    for (const auto& e : toc) {
        html += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>")
                    .arg(e.title.toHtmlEscaped())
                    .arg(e.page + firstBodyPage);
    }
    return html + QStringLiteral("</table>");
}

// The body of a PDF: the images its HTML names come from memory, and nothing is loaded from anywhere else.
class BodyDocument : public QTextDocument
{
public:
    explicit BodyDocument(const std::vector<std::pair<QString, QImage>>& images) : m_images(images) {}

protected:
    QVariant loadResource(int type, const QUrl& name) override
    {
        if (type == QTextDocument::ImageResource) {
            for (const auto& [url, image] : m_images) {
                if (name.toString() == url) {
                    return image;
                }
            }
        }
        return {};
    }

private:
    const std::vector<std::pair<QString, QImage>>& m_images;
};

// Where a page number goes: the room at the end of a link to an anchor (kPageRefText), in body coordinates,
// with the link's font and colour, and the page (0-based within the body) it is drawn on.
struct PageRef
{
    QString anchor;
    QPointF baseline;
    QFont font;
    QColor colour;
    int page = 0;
};

// The body's page references and the page each named anchor is on, read from the laid-out document in one
// pass over its fragments. Painting the numbers over reserved figure spaces changes no layout, so the pages
// stay as they were counted, and 10,000 references cost no second layout.
struct PageRefs
{
    std::vector<PageRef> refs;
    std::map<QString, int> anchorPages;
};

PageRefs pageRefs(QTextDocument& doc, qreal pageHeight)
{
    static const QString kPlaceholder = QString::fromUtf8(kPageRefText);
    PageRefs out;
    std::vector<bool> plain; // by char format index: neither a link nor a named anchor
    auto* layout = doc.documentLayout();
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        const QTextLayout* lines = b.layout();
        if (lines == nullptr || lines->lineCount() == 0) {
            continue;
        }
        const QRectF rect = layout->blockBoundingRect(b);
        const auto pointAt = [&](int pos, QTextLine& line) {
            line = lines->lineForTextPosition(pos);
            return line.isValid() ? rect.topLeft() + QPointF(line.cursorToX(pos), line.y()) : rect.topLeft();
        };
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            // Most fragments are plain text: their format (shared by index) is looked at once, not copied each time.
            const int formatIndex = fragment.charFormatIndex();
            if (formatIndex < static_cast<int>(plain.size()) && plain[static_cast<std::size_t>(formatIndex)]) {
                continue;
            }
            const QTextCharFormat format = fragment.charFormat();
            if (!format.isAnchor()) {
                if (formatIndex >= static_cast<int>(plain.size())) {
                    plain.resize(static_cast<std::size_t>(formatIndex) + 1, false);
                }
                plain[static_cast<std::size_t>(formatIndex)] = true;
                continue;
            }
            const int inBlock = fragment.position() - b.position();
            const QStringList names = format.anchorNames();
            for (const QString& name : names) {
                QTextLine line;
                out.anchorPages.emplace(name, static_cast<int>(pointAt(inBlock, line).y() / pageHeight));
            }
            if (!format.isAnchor() || !format.anchorHref().startsWith(QLatin1Char('#'))) {
                continue;
            }
            const int at = fragment.text().indexOf(kPlaceholder);
            if (at < 0) {
                continue;
            }
            QTextLine line;
            const QPointF top = pointAt(inBlock + at + 4, line); // after " p. "
            if (!line.isValid()) {
                continue;
            }
            // The fragment's font as laid out: its format leaves the size relative (<small>) or unset, so the size
            // is matched to the line's own ascent on the device the document was laid out for.
            QFont font = format.font().resolve(doc.defaultFont());
            const qreal ascent = QFontMetricsF(font, layout->paintDevice()).ascent();
            if (ascent > 0 && line.ascent() > 0) {
                font.setPointSizeF(font.pointSizeF() * line.ascent() / ascent);
            }
            out.refs.push_back(
                {format.anchorHref().mid(1), top + QPointF(0, line.ascent()), font,
                 format.foreground().style() == Qt::NoBrush ? QColor(Qt::black) : format.foreground().color(),
                 static_cast<int>(top.y() / pageHeight)});
        }
    }
    return out;
}

// Imports the body and lays it out in pages. Qt's font engines belong to the thread that made them, so a
// document laid out on another thread crashes when drawn once that thread has ended (found by the
// ThreadSanitizer run of an earlier, parallel version): SecondPartLayout keeps its thread alive until then.
void layOut(QTextDocument& doc, const QString& html, QPaintDevice* device, int pointSize, QSizeF pageSize)
{
    doc.documentLayout()->setPaintDevice(device);
    doc.setDefaultFont(reportFont(pointSize));
    // No stylesheet at all: the print HTML says its styling with attributes (core/report/PrintMarkup),
    // because Qt matches every rule against every element — the browser stylesheet made a 10,000-finding PDF
    // take half as long again, and even two rules (pre, h2) cost a seventh.
    doc.setHtml(html);
    doc.setPageSize(pageSize);
    // A long word (a 300-character env value in a command) wraps instead of running off the page.
    QTextOption wrap = doc.defaultTextOption();
    wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    doc.setDefaultTextOption(wrap);
}

// Past this size the body is laid out in two parts at once, one on a thread of its own: setHtml and layout are
// two thirds of a long report's time and one core is otherwise idle (a 10,000-finding report: 5.2 s → see
// bench_reports). Smaller bodies are not worth a thread.
constexpr int kSplitBodyChars = 400000;

// The two parts of a long body, cut before the object block nearest its middle (objects are top-level blocks of
// the print HTML, so nothing is cut inside an element); the second part gets the first's <head>. The second is
// empty when the body is short or has no object blocks.
std::pair<QString, QString> splitBody(const QString& html)
{
    if (html.size() < kSplitBodyChars) {
        return {html, QString()};
    }
    // An object block starts with <h2 … class="object"> (PrintMarkup puts its style first).
    static const QString kObject = QStringLiteral("class=\"object\"");
    const auto headingStart = [&html](int at) { return at < 0 ? -1 : html.lastIndexOf(QStringLiteral("<h2"), at); };
    const int middle = html.size() / 2;
    const int after = headingStart(html.indexOf(kObject, middle));
    const int before = headingStart(html.lastIndexOf(kObject, middle));
    int cut = after;
    if (before > 0 && (after < 0 || middle - before < after - middle)) {
        cut = before;
    }
    const int bodyStart = html.indexOf(QStringLiteral("<body>"));
    if (cut <= 0 || bodyStart < 0 || cut <= bodyStart) {
        return {html, QString()};
    }
    return {html.left(cut), html.left(bodyStart + 6) + html.mid(cut)};
}

// Lays out the second part of a long body on a thread of its own. Qt's font engines belong to the thread that
// made them and go when it ends, so the thread keeps the document (and its engines) alive until the PDF is
// finished, then destroys the document itself: drawing happens on the caller's thread while this one waits.
// A QThread, not a bare std::thread: the layout starts timers, and Qt warns about each on a thread it did not make.
class SecondPartLayout
{
public:
    SecondPartLayout(QString html, const std::vector<std::pair<QString, QImage>>& images, QPaintDevice* device,
                     int pointSize, QSizeF pageSize)
    {
        m_thread.reset(QThread::create([this, html = std::move(html), &images, device, pointSize, pageSize] {
            BodyDocument doc(images);
            layOut(doc, html, device, pointSize, pageSize);
            doc.pageCount(); // lays out every page now, while the caller lays out the first part
            std::unique_lock lock(m_mutex);
            m_doc = &doc;
            m_changed.notify_all();
            m_changed.wait(lock, [this] { return m_released; });
            m_doc = nullptr;
        }));
        m_thread->start();
    }
    ~SecondPartLayout()
    {
        {
            std::lock_guard lock(m_mutex);
            m_released = true;
        }
        m_changed.notify_all();
        m_thread->wait();
    }
    SecondPartLayout(const SecondPartLayout&) = delete;
    SecondPartLayout& operator=(const SecondPartLayout&) = delete;

    // Waits until the part is laid out; the thread does nothing with it from then on until destroyed.
    QTextDocument& document()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_doc != nullptr; });
        return *m_doc;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    QTextDocument* m_doc = nullptr;
    bool m_released = false;
    std::unique_ptr<QThread> m_thread;
};

} // namespace

Result<void> PdfExporter::write(const ReportData& data, const QString& path, const Progress& progress)
{
    const ScanResult& scan = *data.scan;
    const PostureScore score = PostureScore::compute(scan.findings, data.objects());
    const auto counts = scan.findings.countsBySeverity();
    Document document;
    document.title = QString::fromStdString(data.title);
    document.header = QString::fromStdString(data.title + " — " + scan.inventory.endpoint);
    document.titleLines =
        QStringLiteral("%1\n%13 %2 (API %3)\nScanned %4%5\n\nPosture score %6 / 100 (grade %7)\n"
                       "Critical %8 · High %9 · Medium %10 · Low %11 · Info %12\nCIS Docker Benchmark %14")
            .arg(QString::fromStdString(scan.inventory.endpoint), QString::fromStdString(scan.inventory.engineVersion),
                 QString::fromStdString(scan.inventory.apiVersion),
                 QString::fromStdString(formatRfc3339(scan.startedAtUnix)),
                 data.scanId ? QStringLiteral(" · scan %1").arg(data.scanId) : QString())
            .arg(score.score)
            .arg(QString::fromStdString(score.grade()))
            .arg(counts[4])
            .arg(counts[3])
            .arg(counts[2])
            .arg(counts[1])
            .arg(counts[0])
            .arg(QString::fromStdString(scan.inventory.engineName))
            .arg(QString::fromLatin1(toString(data.cisVersion)));
    document.bodyHtml =
        QString::fromStdString(HtmlReportWriter::write(data, HtmlReportWriter::Variant::Print));
    document.images = ReportCharts::forReport(data);
    document.pointSize = 8; // tables of findings and commands side by side: 8 pt keeps a container to a page
    return writeDocument(document, path, progress);
}

Result<void> PdfExporter::writeFleet(const FleetSummary& fleet, std::int64_t generatedAtUnix, const QString& path,
                                     const Progress& progress)
{
    Document document;
    document.title = QStringLiteral("Drydock fleet report");
    document.header = QStringLiteral("Drydock fleet report — %1 endpoint(s)").arg(fleet.endpoints.size());
    document.titleLines = QStringLiteral("%1 endpoint(s): %2 scanned, %3 unreachable\nGenerated %4\n\n"
                                         "Open across the fleet: Critical %5 · High %6 · Medium %7 · Low %8 · Info %9")
                              .arg(fleet.endpoints.size())
                              .arg(fleet.reachable)
                              .arg(fleet.unreachable)
                              .arg(QString::fromStdString(formatRfc3339(generatedAtUnix)))
                              .arg(fleet.open[4])
                              .arg(fleet.open[3])
                              .arg(fleet.open[2])
                              .arg(fleet.open[1])
                              .arg(fleet.open[0]);
    document.bodyHtml = QString::fromStdString(FleetHtmlReport::render(fleet, generatedAtUnix, true));
    document.pointSize = 8; // a dozen columns side by side
    return writeDocument(document, path, progress);
}

Result<void> PdfExporter::writeDocument(const Document& document, const QString& path, const Progress& progress)
{
    if (QFontDatabase::families().isEmpty()) {
        return Error::make(ErrorCode::Io, "No fonts are installed, so the PDF would have no text. Install "
                                          "fonts-dejavu-core (installer/install-deps.sh does).");
    }
    // The PDF goes to a temporary file AtomicFileWriter created (O_EXCL|O_NOFOLLOW, 0600) and is renamed into
    // place when complete: QPdfWriter gets that open file, never a path it would open (and follow) itself.
    auto target = AtomicFileWriter::begin(path.toStdString());
    if (!target) {
        return target.error();
    }
    {
        QFile part;
        if (!part.open(target->fd(), QIODevice::WriteOnly, QFileDevice::DontCloseHandle)) {
            return Error::make(ErrorCode::Io, "Cannot write the PDF " + path.toStdString() + ": " +
                                                  part.errorString().toStdString() + ".");
        }
        QPdfWriter writer(&part);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(16, 18, 16, 18), QPageLayout::Millimeter);
        writer.setResolution(144);
        writer.setTitle(document.title);
        writer.setCreator(QStringLiteral("Drydock " DRYDOCK_VERSION));
        QPainter painter;
        if (!painter.begin(&writer)) {
            return Error::make(ErrorCode::Io, "Cannot write the PDF " + path.toStdString() +
                                                  ": the folder does not exist or is not writable. Choose another place.");
        }
        const QRect page = writer.pageLayout().paintRectPixels(writer.resolution());
        const int headerHeight = 40;
        const int footerHeight = 40;
        const QRectF bodyRect(0, headerHeight, page.width(), page.height() - headerHeight - footerHeight);

        // The body, in one or two parts laid out at once; each part starts on a new page.
        auto [firstHtml, secondHtml] = splitBody(document.bodyHtml);
        std::optional<SecondPartLayout> second; // ends (joins its thread) after the PDF is finished, below
        if (!secondHtml.isEmpty()) {
            second.emplace(std::move(secondHtml), document.images, &writer, document.pointSize, bodyRect.size());
        }
        BodyDocument first(document.images);
        layOut(first, firstHtml, &writer, document.pointSize, bodyRect.size());
        std::vector<QTextDocument*> parts{&first};
        if (second) {
            parts.push_back(&second->document());
        }
        std::vector<int> partFirstPage; // 0-based body page each part starts on
        int bodyPages = 0;
        std::vector<TocEntry> toc;
        std::vector<PageRefs> partRefs;
        std::map<QString, int> anchorPages; // body page of every named anchor, all parts
        for (QTextDocument* doc : parts) {
            partFirstPage.push_back(bodyPages);
            for (TocEntry e : tableOfContents(*doc, bodyRect.height())) {
                e.page += bodyPages;
                toc.push_back(std::move(e));
            }
            partRefs.push_back(pageRefs(*doc, bodyRect.height()));
            for (const auto& [anchor, anchorPage] : partRefs.back().anchorPages) {
                anchorPages.emplace(anchor, anchorPage + bodyPages);
            }
            bodyPages += doc->pageCount();
        }
        std::vector<std::vector<const PageRef*>> refsByPage(static_cast<std::size_t>(std::max(bodyPages, 1)));
        for (std::size_t p = 0; p < parts.size(); ++p) {
            const int partPages = parts[p]->pageCount();
            for (const auto& r : partRefs[p].refs) {
                if (anchorPages.count(r.anchor) && r.page >= 0 && r.page < partPages) {
                    refsByPage[static_cast<std::size_t>(partFirstPage[p] + r.page)].push_back(&r);
                }
            }
        }

        QTextDocument contents;
        contents.documentLayout()->setPaintDevice(&writer);
        contents.setDefaultFont(reportFont(10));
        contents.setPageSize(bodyRect.size());
        contents.setHtml(tocHtml(toc, 3)); // first guess: title page, one contents page
        const int tocPages = contents.pageCount();
        if (tocPages != 1) {
            contents.setHtml(tocHtml(toc, 2 + tocPages));
        }
        const int total = 1 + tocPages + bodyPages;

        auto decorate = [&](int pageNumber) {
            painter.save();
            painter.setFont(reportFont(8));
            painter.setPen(QColor(0x4b, 0x55, 0x63));
            painter.drawText(QRectF(0, 0, page.width(), headerHeight - 10), Qt::AlignLeft | Qt::AlignVCenter,
                             painter.fontMetrics().elidedText(document.header, Qt::ElideMiddle, page.width()));
            painter.drawLine(QPointF(0, headerHeight - 8), QPointF(page.width(), headerHeight - 8));
            painter.drawText(QRectF(0, page.height() - footerHeight + 8, page.width(), footerHeight - 8),
                             Qt::AlignCenter, QStringLiteral("Page %1 of %2").arg(pageNumber).arg(total));
            painter.restore();
        };
        bool cancelled = false;
        int firstBodyNumber = 0; // set once the contents' length is known
        // Draws count pages of doc as pages firstNumber…; bodyPage: the first one's index in the body, or -1.
        auto drawPages = [&](QTextDocument& doc, int count, int firstNumber, int bodyPage) {
            for (int i = 0; i < count && !cancelled; ++i) {
                if (progress && !progress(firstNumber + i - 1, total)) {
                    cancelled = true;
                    break;
                }
                writer.newPage();
                decorate(firstNumber + i);
                painter.save();
                painter.setClipRect(bodyRect);
                {
                    // Through a device that leaves out text outside the page (see PageClippedDevice).
                    PageClippedDevice body(painter, bodyRect);
                    QPainter bodyPainter(&body);
                    bodyPainter.translate(0, bodyRect.top() - i * bodyRect.height());
                    doc.drawContents(&bodyPainter,
                                     QRectF(0, i * bodyRect.height(), bodyRect.width(), bodyRect.height()));
                }
                painter.setClipping(false);
                painter.translate(0, bodyRect.top() - i * bodyRect.height());
                if (bodyPage >= 0) {
                    for (const PageRef* r : refsByPage[static_cast<std::size_t>(bodyPage + i)]) {
                        painter.setFont(r->font);
                        painter.setPen(r->colour);
                        painter.drawText(r->baseline, QString::number(anchorPages.at(r->anchor) + firstBodyNumber));
                    }
                }
                painter.restore();
            }
        };

        // Title page
        painter.setPen(QColor(0x1d, 0x4e, 0x89));
        painter.setFont(reportFont(26, true));
        painter.drawText(QRectF(0, page.height() * 0.22, page.width(), 120), Qt::AlignHCenter | Qt::TextWordWrap,
                         document.title);
        painter.setPen(Qt::black);
        painter.setFont(reportFont(12));
        painter.drawText(QRectF(0, page.height() * 0.40, page.width(), page.height() * 0.4),
                         Qt::AlignHCenter | Qt::TextWordWrap, document.titleLines);
        painter.setFont(reportFont(8));
        painter.drawText(QRectF(0, page.height() - footerHeight, page.width(), footerHeight), Qt::AlignCenter,
                         QStringLiteral("Generated by Drydock %1 · secret values are masked · page 1 of %2")
                             .arg(QStringLiteral(DRYDOCK_VERSION))
                             .arg(total));

        drawPages(contents, tocPages, 2, -1);
        firstBodyNumber = 2 + tocPages;
        for (std::size_t p = 0; p < parts.size(); ++p) {
            drawPages(*parts[p], parts[p]->pageCount(), firstBodyNumber + partFirstPage[p], partFirstPage[p]);
        }
        const bool ended = painter.end();
        part.close(); // flushes Qt's buffer into the descriptor AtomicFileWriter owns
        if (cancelled) {
            return Error::make(ErrorCode::Cancelled, "The export was cancelled; nothing was written.");
        }
        if (!ended || part.error() != QFileDevice::NoError) {
            return Error::make(ErrorCode::Io, "Cannot finish the PDF " + path.toStdString() + ".");
        }
        if (progress) {
            progress(total, total);
        }
    }
    // rename(2) replaces an existing report atomically: the old one stays until the new one is complete.
    return target->commit();
}

} // namespace drydock::ui
