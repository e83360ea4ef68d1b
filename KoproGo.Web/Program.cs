using KoproGo.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddKoproGo();

var app = builder.Build();
await app.UseKoproGoAsync();
app.Run();

/// <summary>Visible to WebApplicationFactory in the end-to-end tests and the benchmarks.</summary>
public partial class Program;
