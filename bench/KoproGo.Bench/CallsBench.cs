using System.Diagnostics;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace KoproGo.Bench;

/// <summary>Issue #5's figures: allocating a call over 2,000 lots, and 1,000 call letters with their database reads.</summary>
public static class CallsBench
{
    public static double AllocationP95(int lots = 2_000)
    {
        var random = new Random(LargeData.Seed);
        var owners = Enumerable.Range(0, lots * 3 / 4).Select(_ => Guid.NewGuid()).ToList();
        var holdings = Enumerable.Range(0, lots).Select(i => new LotHolding(Guid.NewGuid(), $"L{i}", random.Next(10, 200),
            [(owners[random.Next(owners.Count)], OwnershipKind.Full, 100m)])).ToList();
        var total = holdings.Sum(h => h.Shares);
        var times = new List<double>();
        for (var run = 0; run < 60; run++)
        {
            var sw = Stopwatch.StartNew();
            var shares = CallAllocation.Compute(holdings, total, 250_000m, 40_000m, 12_500m)!;
            if (shares.Sum(s => s.Total) != 302_500m) throw new InvalidOperationException("allocation lost a cent");
            if (run >= 10) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return Math.Round(times[(int)(times.Count * 0.95) - 1], 1);
    }

    /// <summary>1,000 letters: each reads its owner, building and organisation from PostgreSQL, then renders with the EPC QR code.</summary>
    public static async Task<(double Seconds, double RawSeconds)> LettersAsync(IKoproGoDbFactory dbFactory, Guid buildingId, int count = 1_000)
    {
        List<Guid> ownerIds;
        await using (var db = await dbFactory.CreateAsync())
            ownerIds = await db.Owners.OrderBy(o => o.Id).Select(o => o.Id).Take(count).ToListAsync();
        PdfFonts.EnsureRegistered();
        var sw = Stopwatch.StartNew();
        var bytes = 0L;
        for (var i = 0; i < count; i++)
        {
            await using var db = await dbFactory.CreateAsync();
            var owner = await db.Owners.AsNoTracking().FirstAsync(o => o.Id == ownerIds[i % ownerIds.Count]);
            var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == buildingId);
            var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId);
            var call = CallForFunds.Create(organisation.Id, building.Id, new CallInput { Title = "T1 2027", CallDate = new DateOnly(2027, 1, 1), DueDate = new DateOnly(2027, 1, 31), Ordinary = 1_000m }, DateTimeOffset.UtcNow);
            var line = CallLine.Create(call.Id, owner.Id, 123.45m, 0m, 10m, StructuredCommunication.FromNumber(1_000_000 + i), "1.01 (150/100000)");
            bytes += CallLetter.Render(organisation, building, call, line, owner, DateTimeOffset.UtcNow).Length;
        }
        var seconds = sw.Elapsed.TotalSeconds;
        if (bytes == 0) throw new InvalidOperationException("no letters");

        // the same number of bare PDFsharp pages with one line of text: the floor the letters are compared with
        sw.Restart();
        for (var i = 0; i < count; i++)
        {
            using var document = new PdfDocument();
            var page = document.AddPage();
            using (var gfx = XGraphics.FromPdfPage(page))
                gfx.DrawString($"Appel de fonds {i}", new XFont(PdfFonts.Family, 10), XBrushes.Black, new XPoint(50, 50));
            using var stream = new MemoryStream();
            document.Save(stream, false);
        }
        return (Math.Round(seconds, 2), Math.Round(sw.Elapsed.TotalSeconds, 2));
    }
}
