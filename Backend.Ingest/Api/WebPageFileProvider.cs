using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Backend.Ingest.Api;

/// <summary>
/// Serves the operator page from the assembly's resources (WebPageFiles.resx links the wwwroot files), so
/// UseStaticFiles finds it whatever the host's content root is. One flat folder; the files never change while
/// the process runs, so they are stamped with the process's start for caching.
/// </summary>
internal sealed class WebPageFileProvider : IFileProvider
{
    private readonly Dictionary<string, PageFile> _files;

    public WebPageFileProvider()
    {
        var resources = new ResourceManager($"{typeof(WebPageFileProvider).Namespace}.WebPageFiles", typeof(WebPageFileProvider).Assembly);
        var stamp = DateTimeOffset.UtcNow;
        _files = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .Select(entry => new PageFile((string)entry.Key, Encoding.UTF8.GetBytes((string)entry.Value!), stamp))
            .ToDictionary(file => file.Name, StringComparer.Ordinal);
    }

    public IFileInfo GetFileInfo(string subpath) =>
        _files.TryGetValue(subpath.TrimStart('/'), out var file) ? file : new NotFoundFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) =>
        subpath.Trim('/').Length == 0 ? new PageFolder(_files.Values) : NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private sealed class PageFile(string name, byte[] content, DateTimeOffset lastModified) : IFileInfo
    {
        public bool Exists => true;
        public long Length => content.Length;
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => lastModified;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => new MemoryStream(content, writable: false);
    }

    private sealed class PageFolder(IEnumerable<IFileInfo> files) : IDirectoryContents
    {
        public bool Exists => true;
        public IEnumerator<IFileInfo> GetEnumerator() => files.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
