using System.Globalization;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Privacy;

namespace KoproGo.Web.Documents;

/// <summary>Downloads (PDFs, uploaded files, the GDPR export): plain HTTP endpoints so the browser streams them; same authorisation as the pages.</summary>
public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization().AddEndpointFilter<AccountGateFilter>();

        group.MapGet("/buildings/{buildingId:guid}/owners.pdf", async (Guid buildingId, string? lang, HttpContext http, IActorFactory actors, IDocumentService documents, CancellationToken ct) =>
        {
            var actor = await http.ActorAsync(actors, ct);
            var result = await documents.OwnerListPdfAsync(actor, buildingId, lang ?? CultureInfo.CurrentUICulture.Name, ct);
            return result.Succeeded ? Results.File(result.Value.Content, "application/pdf", result.Value.FileName) : ToHttp(result.FirstError!);
        });

        group.MapGet("/buildings/{buildingId:guid}/logbook.pdf", async (Guid buildingId, string? lang, HttpContext http, IActorFactory actors, KoproGo.Core.Features.Logbook.ILogbookService logbook, CancellationToken ct) =>
        {
            var actor = await http.ActorAsync(actors, ct);
            var result = await logbook.PdfAsync(actor, buildingId, lang ?? CultureInfo.CurrentUICulture.Name, ct);
            return result.Succeeded ? Results.File(result.Value.Content, "application/pdf", result.Value.FileName) : ToHttp(result.FirstError!);
        });

        group.MapGet("/files/{fileId:guid}", async (Guid fileId, HttpContext http, IActorFactory actors, IFileService files, CancellationToken ct) =>
        {
            var actor = await http.ActorAsync(actors, ct);
            var result = await files.OpenAsync(actor, fileId, ct);
            if (!result.Succeeded)
                return ToHttp(result.FirstError!);
            var file = result.Value;
            // images may be shown inline; everything else downloads (never rendered as our origin's HTML)
            return Results.File(file.Content, file.ContentType, file.ContentType.StartsWith("image/", StringComparison.Ordinal) ? null : file.FileName);
        });

        // accounting reports as CSV, XLSX or PDF, and the FEC file of a year
        group.MapGet("/buildings/{buildingId:guid}/report", async (Guid buildingId, Guid year, AccountingReportKind kind, ReportFormat format, Guid? owner, string? lang,
            HttpContext http, IActorFactory actors, IAccountingExports exports, CancellationToken ct) =>
        {
            var actor = await http.ActorAsync(actors, ct);
            var result = await exports.ExportAsync(actor, new ReportPeriod(buildingId, year), kind, format, lang ?? CultureInfo.CurrentUICulture.Name, owner, ct);
            return result.Succeeded ? Results.File(result.Value.Content, result.Value.ContentType, result.Value.FileName) : ToHttp(result.FirstError!);
        });
        group.MapGet("/buildings/{buildingId:guid}/fec.txt", async (Guid buildingId, Guid year, HttpContext http, IActorFactory actors, IAccountingExports exports, CancellationToken ct) =>
        {
            var actor = await http.ActorAsync(actors, ct);
            var result = await exports.FecAsync(actor, new ReportPeriod(buildingId, year), ct);
            return result.Succeeded ? Results.File(result.Value.Content, result.Value.ContentType, result.Value.FileName) : ToHttp(result.FirstError!);
        });
        // the general assembly's papers: an owner's convocation with the proxy form, the minutes
        group.MapGet("/assemblies/{meetingId:guid}/convocation.pdf", async (Guid meetingId, Guid owner, HttpContext http, IActorFactory actors,
            KoproGo.Core.Features.Assemblies.IAssemblyDocumentService documents, CancellationToken ct) =>
        {
            var actor = await http.ActorAsync(actors, ct);
            var result = await documents.ConvocationPdfAsync(actor, meetingId, owner, ct);
            return result.Succeeded ? Results.File(result.Value.Content, "application/pdf", result.Value.FileName) : ToHttp(result.FirstError!);
        });
        // ?original=true: the fixed minutes alone, the exact file whose SHA-256 the signatures page names
        group.MapGet("/assemblies/{meetingId:guid}/minutes.pdf", async (Guid meetingId, bool? original, HttpContext http, IActorFactory actors,
            KoproGo.Core.Features.Assemblies.IAssemblyDocumentService documents, CancellationToken ct) =>
        {
            var actor = await http.ActorAsync(actors, ct);
            var result = await documents.MinutesPdfAsync(actor, meetingId, ct, original == true);
            return result.Succeeded ? Results.File(result.Value.Content, "application/pdf", result.Value.FileName) : ToHttp(result.FirstError!);
        });
        group.MapGet("/bookings/{bookingId:guid}.ics", async (Guid bookingId, HttpContext http, IActorFactory actors, KoproGo.Core.Features.Bookings.IBookingService bookings, CancellationToken ct) =>
        {
            var actor = await http.ActorAsync(actors, ct);
            var result = await bookings.IcsAsync(actor, bookingId, ct);
            return result.Succeeded ? Results.File(System.Text.Encoding.UTF8.GetBytes(result.Value), "text/calendar", $"koprogo-{bookingId:N}.ics") : ToHttp(result.FirstError!);
        });

        // GDPR Art. 15/20. Over the hourly limit the page explains how long to wait (a download link cannot show a message).
        group.MapGet("/account/my-data.json", async (HttpContext http, IActorFactory actors, IPrivacyService privacy, CancellationToken ct) =>
        {
            var actor = await http.ActorAsync(actors, ct);
            var result = await privacy.ExportAsync(actor, ct);
            if (result.Succeeded)
                return Results.File(result.Value.Json, "application/json", result.Value.FileName);
            return result.FirstError!.Code == "gdpr.export_limited"
                ? Results.LocalRedirect($"/account/privacy?export=limited&wait={result.FirstError.Args[1]}")
                : ToHttp(result.FirstError);
        });
        return app;
    }

    private static IResult ToHttp(Error error) => error.Kind switch
    {
        ErrorKind.Forbidden => Results.Forbid(),
        ErrorKind.NotFound => Results.NotFound(),
        _ => Results.BadRequest(),
    };
}
