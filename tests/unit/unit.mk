# unit targets: to be written
