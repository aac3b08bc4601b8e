@_exported import ConfigFormats
