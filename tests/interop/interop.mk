# interop targets: to be written
