// svj-render-icon: renders the application's SVG icon to the PNG sizes desktops look up in the hicolor theme.
// A build tool, never installed: `svj-render-icon ICON.svg OUT_DIR SIZE...` writes OUT_DIR/SIZExSIZE/svj-workbench.png.
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: svj-render-icon ICON.svg OUT_DIR SIZE...\n");
        return 2;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen"); // a build machine has no display
    QGuiApplication application(argc, argv);
    QSvgRenderer renderer(QString::fromLocal8Bit(argv[1]));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "svj-render-icon: %s is not a readable SVG\n", argv[1]);
        return 1;
    }
    for (int i = 3; i < argc; ++i) {
        const int size = QByteArray(argv[i]).toInt();
        if (size <= 0) {
            std::fprintf(stderr, "svj-render-icon: bad size '%s'\n", argv[i]);
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
        renderer.render(&painter);
        painter.end();
        const QString folder = QStringLiteral("%1/%2x%2").arg(QString::fromLocal8Bit(argv[2])).arg(size);
        const QString path = folder + QStringLiteral("/svj-workbench.png");
        if (!QDir().mkpath(folder) || !image.save(path)) {
            std::fprintf(stderr, "svj-render-icon: cannot write %s\n", qPrintable(path));
            return 1;
        }
    }
    return 0;
}
