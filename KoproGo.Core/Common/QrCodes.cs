using QRCoder;

namespace KoproGo.Core.Common;

/// <summary>
/// QR codes as PNG (QRCoder): the 2FA set-up and the EPC payment codes. Always UTF-8 with its ECI marker: QRCoder would
/// otherwise write ISO-8859-1 whenever the text fits, and an EPC code declaring UTF-8 would reach the banking app with
/// "Résidence" as a wrong byte.
/// </summary>
public static class QrCodes
{
    public static byte[] Png(string text, int pixelsPerModule = 6, QRCodeGenerator.ECCLevel level = QRCodeGenerator.ECCLevel.M)
    {
        using var data = Encode(text, level);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    private static QRCodeData Encode(string text, QRCodeGenerator.ECCLevel level)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(text, level, forceUtf8: true, utf8BOM: false, eciMode: QRCodeGenerator.EciMode.Utf8);
    }

    /// <summary>The modules of the code (true = dark), quiet zone included, for drawing it as vectors in a PDF.</summary>
    public static bool[,] Modules(string text, QRCodeGenerator.ECCLevel level = QRCodeGenerator.ECCLevel.M)
    {
        using var data = Encode(text, level);
        var rows = data.ModuleMatrix;
        var modules = new bool[rows.Count, rows.Count];
        for (var y = 0; y < rows.Count; y++)
            for (var x = 0; x < rows.Count; x++)
                modules[y, x] = rows[y][x];
        return modules;
    }

    public static string PngDataUri(string text, int pixelsPerModule = 6) => "data:image/png;base64," + Convert.ToBase64String(Png(text, pixelsPerModule));
}
