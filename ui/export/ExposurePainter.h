#pragma once
#include "core/exposure/ExposureDrawing.h"

#include <QColor>
#include <QFont>
#include <QImage>
#include <QPainterPath>

class QPainter;

namespace drydock::ui {

// The QPainter back end of the exposure map's drawing: the same shapes, lines and texts the SVG writes, for
// the PDF, the PNG export and the map page's scene (which builds its items from the same helpers).
class ExposurePainter
{
public:
    // Paints the whole drawing at the painter's current transform (1 unit = 1 pixel).
    static void paint(QPainter& painter, const ExposureDrawing& drawing);
    // The drawing as an image, scale times its size (at most maxPixels wide or high, so a huge map stays an
    // image a machine can hold).
    static QImage image(const ExposureDrawing& drawing, qreal scale, int maxPixels = 16000);

    static QColor colour(const MapColour& colour);
    static QFont font(const DrawItem& text);
    static QPainterPath path(const DrawItem& line);
    static QPen pen(const DrawItem& item);
};

} // namespace drydock::ui
