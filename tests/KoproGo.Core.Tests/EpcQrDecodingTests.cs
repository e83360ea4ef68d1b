using System.Text;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Calls;
using StbImageSharp;
using ZXing;
using ZXing.Common;

namespace KoproGo.Core.Tests;

/// <summary>
/// The EPC QR code read back as a banking app reads it: the PNG decoded to pixels, the QR decoded to its bytes. What the
/// app receives must be the payload in UTF-8, accents included (EPC069-12 character set 1), with no line feed at the end.
/// </summary>
public class EpcQrDecodingTests
{
    private static byte[] DecodeBytes(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);
        var source = new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var reader = new MultiFormatReader();
        var result = reader.decode(new BinaryBitmap(new HybridBinarizer(source)), new Dictionary<DecodeHintType, object>
        {
            [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
            [DecodeHintType.TRY_HARDER] = true,
        }) ?? throw new InvalidOperationException("no QR code found");
        // the raw byte segments, not ZXing's guess of a string
        var segments = (IList<byte[]>)result.ResultMetadata[ResultMetadataType.BYTE_SEGMENTS];
        return segments.SelectMany(s => s).ToArray();
    }

    [Fact]
    public void EpcCode_WithAnAccentedHolder_CarriesItsUtf8Bytes()
    {
        var payload = EpcQr.Payload("ACP Résidence Hôtel-de-Ville Liège", "BE68539007547034", 1234.56m, StructuredCommunication.FromNumber(123456789));
        var bytes = DecodeBytes(EpcQr.Png(payload));
        Assert.Equal(Encoding.UTF8.GetBytes(payload), bytes);
        Assert.NotEqual((byte)'\n', bytes[^1]);
        Assert.Contains("Résidence", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void TotpCode_IsUtf8Too()
    {
        const string uri = "otpauth://totp/KoproGo:zoë@example.be?secret=JBSWY3DPEHPK3PXP&issuer=KoproGo";
        Assert.Equal(Encoding.UTF8.GetBytes(uri), DecodeBytes(QrCodes.Png(uri)));
    }
}
