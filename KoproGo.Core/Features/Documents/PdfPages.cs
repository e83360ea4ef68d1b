using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace KoproGo.Core.Features.Documents;

/// <summary>Joins PDFs page by page, each kept as it was drawn (the signed minutes: the fixed pages, then the signatures).</summary>
public static class PdfPages
{
    public static byte[] Concat(params byte[][] documents)
    {
        using var output = new PdfDocument();
        foreach (var bytes in documents)
        {
            using var input = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
            foreach (var page in input.Pages)
                output.AddPage(page);
        }
        using var stream = new MemoryStream();
        output.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
