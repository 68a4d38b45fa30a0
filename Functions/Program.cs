using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Redeploy.Core;
using Redeploy.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddRedeployCore();
builder.Services.AddRedeployFunctions();
builder.Services.AddRedeployTelemetry();
builder.UseMiddleware<RequestTelemetryMiddleware>();

// Request URLs hold hook tokens: the worker's ASP.NET Core request logging and the SDKs' HTTP logging stay quiet.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Azure", LogLevel.Error);
builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);

builder.Build().Run();
