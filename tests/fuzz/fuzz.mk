# fuzz targets: to be written
