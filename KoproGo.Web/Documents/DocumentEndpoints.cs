using System.Globalization;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounts;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Files;
using KoproGo.Web.Security;

namespace KoproGo.Web.Documents;

/// <summary>Downloads (PDFs, uploaded files): plain HTTP endpoints so the browser streams them; same authorisation as the pages.</summary>
public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization();

        group.MapGet("/buildings/{buildingId:guid}/owners.pdf", async (Guid buildingId, string? lang, HttpContext http, IActorFactory actors, IDocumentService documents, CancellationToken ct) =>
        {
            var actor = await http.ActorAsync(actors, ct);
            var result = await documents.OwnerListPdfAsync(actor, buildingId, lang ?? CultureInfo.CurrentUICulture.Name, ct);
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
        return app;
    }

    private static IResult ToHttp(Error error) => error.Kind switch
    {
        ErrorKind.Forbidden => Results.Forbid(),
        ErrorKind.NotFound => Results.NotFound(),
        _ => Results.BadRequest(),
    };
}
